// The demo company's support address: mail to support@demo.sahayak.test opens tickets for Customer
// Care, and each new ticket is acknowledged in the customer's language.
import { seedSupportAddress } from '../channels/email/addresses.js';
import type { Executor } from '../platform/db/index.js';

export const DEMO_SUPPORT_ADDRESS = 'support@demo.sahayak.test';

export async function seedDemoEmail(db: Executor, careTeamId: number, now: number): Promise<void> {
  await seedSupportAddress(
    db,
    {
      address: DEMO_SUPPORT_ADDRESS,
      name: 'Demo Company Support',
      teamId: careTeamId,
      isDefault: true,
      ackSubjectEn: 'Your request reached Demo Company [#{{ticket.number}}]',
      ackBodyEn: [
        'Hello {{requester.first_name}},',
        '',
        'Thank you for writing to Demo Company. Your request "{{ticket.subject}}" is now ticket #{{ticket.number}}, and our {{team.name}} team will answer within one working day.',
        '',
        'Anything to add? Simply reply to this email: your reply goes into the same ticket.',
        '',
        'Regards,',
        'Demo Company customer care',
      ].join('\n'),
      ackSubjectHi: 'आपका अनुरोध डेमो कंपनी तक पहुँच गया है [#{{ticket.number}}]',
      ackBodyHi: [
        'नमस्ते {{requester.first_name}},',
        '',
        'डेमो कंपनी को लिखने के लिए धन्यवाद। आपका अनुरोध "{{ticket.subject}}" अब टिकट #{{ticket.number}} है, और हमारी {{team.name}} टीम एक कार्यदिवस के भीतर उत्तर देगी।',
        '',
        'कुछ और जोड़ना है? बस इसी ईमेल का उत्तर दें: आपका उत्तर इसी टिकट में जुड़ जाएगा।',
        '',
        'सादर,',
        'डेमो कंपनी ग्राहक सेवा',
      ].join('\n'),
    },
    now,
  );
}
