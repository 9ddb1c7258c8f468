// Demo macros: a few shared ones an agent of an Indian retailer uses every day, each with its reply
// in English and Hindi and placeholders that fill in from the ticket.
import { type MacroSpec, seedSharedMacros } from '../automation/macros.js';
import type { Executor } from '../platform/db/index.js';

export const demoMacros: MacroSpec[] = [
  {
    name: 'Refund issued',
    description: 'The refund is on its way: tell the requester and wait for them to confirm.',
    actions: [
      { type: 'set_status', value: 'pending' },
      { type: 'add_tags', value: ['refund-issued'] },
      { type: 'set_assignee', value: 'current_user' },
    ],
    replyEn:
      'Hello {{requester.first_name}},\n\nWe have issued the refund for ticket #{{ticket.number}}. It reaches your account in 5–7 working days.\n\nRegards,\n{{agent.name}}',
    replyHi:
      'नमस्ते {{requester.first_name}},\n\nटिकट #{{ticket.number}} का रिफ़ंड जारी कर दिया गया है। यह 5–7 कार्यदिवसों में आपके खाते में पहुँच जाएगा।\n\nसादर,\n{{agent.name}}',
  },
  {
    name: 'Ask for order details',
    description: 'We need the order number and a photo before we can help.',
    actions: [{ type: 'set_status', value: 'pending' }],
    replyEn:
      'Hello {{requester.first_name}},\n\nThank you for writing to us. Could you send the order number and a photo of the item? Then we can sort this out quickly.\n\n{{agent.first_name}}',
    replyHi:
      'नमस्ते {{requester.first_name}},\n\nहमें लिखने के लिए धन्यवाद। क्या आप ऑर्डर नंबर और सामान की एक फ़ोटो भेज सकते हैं? फिर हम इसे जल्दी सुलझा देंगे।\n\n{{agent.first_name}}',
  },
  {
    name: 'Escalate to a lead',
    description: 'An internal note for the team lead; raises the priority.',
    actions: [
      { type: 'set_priority', value: 'urgent' },
      { type: 'add_tags', value: ['escalated'] },
    ],
    replyKind: 'internal',
    replyEn: 'Escalated by {{agent.name}}: #{{ticket.number}} "{{ticket.subject}}" needs a lead of {{team.name}}.',
    replyHi: '{{agent.name}} ने आगे बढ़ाया: #{{ticket.number}} "{{ticket.subject}}" को {{team.name}} के लीड की ज़रूरत है।',
  },
  {
    name: 'Solved: thank you',
    description: 'Close the loop politely and mark the ticket solved.',
    actions: [{ type: 'set_status', value: 'solved' }],
    replyEn:
      'Hello {{requester.first_name}},\n\nGlad we could help. We are marking ticket #{{ticket.number}} as solved; reply to this message if anything is still wrong.\n\n{{agent.name}}',
    replyHi:
      'नमस्ते {{requester.first_name}},\n\nखुशी है कि हम मदद कर सके। हम टिकट #{{ticket.number}} को हल हुआ मान रहे हैं; अगर कुछ अब भी ठीक नहीं है तो इसी संदेश का उत्तर दें।\n\n{{agent.name}}',
  },
];

export function seedDemoMacros(db: Executor, now: number): Promise<number[]> {
  return seedSharedMacros(db, demoMacros, now);
}
