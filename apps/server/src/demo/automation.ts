// Demo triggers and time rules: what an Indian retailer's support team automates first — Hindi
// speakers tagged for the Hindi queue, urgent email brought to the team lead, and customers who went
// quiet reminded after five days and their tickets solved after ten.
import { seedTimeRules, type TimeRuleSpec } from '../automation/time-rules.js';
import { seedTriggers, type TriggerSpec } from '../automation/triggers.js';
import type { Executor } from '../platform/db/index.js';

export const demoTriggers: TriggerSpec[] = [
  {
    name: 'Hindi requester → tag hindi',
    description: 'New tickets from customers who speak Hindi go to the Hindi queue.',
    conditions: {
      all: [
        { field: 'update', op: 'is', value: 'created' },
        { field: 'requester_locale', op: 'is', value: ['hi'] },
      ],
      any: [],
    },
    actions: [{ type: 'add_tags', value: ['hindi'] }],
  },
  {
    name: 'Urgent by email → notify the team lead',
    description: 'An urgent ticket that came by email is brought to the lead of its team at once.',
    conditions: {
      all: [
        { field: 'priority', op: 'is', value: ['urgent'] },
        { field: 'channel', op: 'is', value: ['email'] },
      ],
      any: [
        { field: 'update', op: 'is', value: 'created' },
        { field: 'changed', key: 'priority', to: 'urgent' },
      ],
    },
    actions: [{ type: 'notify', recipients: ['team_lead'], userIds: [] }],
  },
];

export const demoTimeRules: TimeRuleSpec[] = [
  {
    name: 'Pending 5 days → remind the customer',
    description: 'A friendly reminder when the customer has not answered for five days.',
    since: 'pending',
    hours: 120,
    conditions: { all: [{ field: 'tags', op: 'contains_none', value: ['reminded'] }], any: [] },
    actions: [
      { type: 'add_tags', value: ['reminded'] },
      {
        type: 'send_email',
        subjectEn: 'We are waiting for your answer: ticket #{{ticket.number}}',
        bodyEn:
          'Hello {{requester.first_name}},\n\nWe are still waiting for your answer on "{{ticket.subject}}". Just reply to this email and we will pick it up again.\n\nThe {{team.name}} team',
        subjectHi: 'हम आपके उत्तर की प्रतीक्षा कर रहे हैं: टिकट #{{ticket.number}}',
        bodyHi:
          'नमस्ते {{requester.first_name}},\n\nहम "{{ticket.subject}}" पर अब भी आपके उत्तर की प्रतीक्षा कर रहे हैं। बस इस ईमेल का उत्तर दें, हम इसे फिर से देखेंगे।\n\n{{team.name}} टीम',
      },
    ],
  },
  {
    name: 'Pending 10 days → solve',
    description: 'No answer for ten days: the ticket is solved (a reply from the customer reopens it).',
    since: 'pending',
    hours: 240,
    conditions: { all: [], any: [] },
    actions: [{ type: 'set_status', value: 'solved' }],
  },
];

/** One call from the demo seed. */
export async function seedDemoAutomation(db: Executor, now: number): Promise<void> {
  await seedTriggers(db, demoTriggers, now);
  await seedTimeRules(db, demoTimeRules, now);
}
