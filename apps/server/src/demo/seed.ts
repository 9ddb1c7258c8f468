// The demo company that `npm start` seeds into an empty database (SEED_DEMO=false turns it off).

import { seedEscalationRules } from '../escalation/rules.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Deps } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import type { UsersTable } from '../platform/db/types.js';
import { seedSettings } from '../platform/settings/service.js';
import { seedCalendar } from '../sla/calendars.js';
import { sweepBreaches } from '../sla/jobs.js';
import { seedSlaPolicies } from '../sla/policies.js';
import { seedFields } from '../tickets/fields.js';
import { seedDemoAutomation } from './automation.js';
import { seedDemoEmail } from './email.js';
import { demoEscalationRules, seedDemoEscalations } from './escalations.js';
import { seedDemoSurveys } from './feedback.js';
import { seedDemoMacros } from './macros.js';
import { demoPresence } from './presence.js';
import * as repo from './repo.js';
import { demoCalendar, demoFields, demoSlaPolicies } from './texts.js';
import { type DemoCustomer, type DemoStaff, type DemoWorld, seedTickets } from './tickets.js';

export const DEMO_PASSWORD = 'sahayak-demo';
export const DEMO_DOMAIN = 'demo.sahayak.test';

type Person = {
  name: string;
  email: string;
  role: UsersTable['role'];
  locale: 'en' | 'hi';
  availability?: 'away' | 'offline';
};

const staff: Person[] = [
  { name: 'Asha Verma', email: 'admin', role: 'admin', locale: 'en' },
  { name: 'Rohan Mehta', email: 'manager', role: 'manager', locale: 'en' },
  { name: 'प्रिया शर्मा', email: 'lead1', role: 'lead', locale: 'hi' },
  { name: 'Daniel Fernandes', email: 'lead2', role: 'lead', locale: 'en' },
  { name: 'Kavya Iyer', email: 'agent1', role: 'agent', locale: 'en' },
  { name: 'अर्जुन सिंह', email: 'agent2', role: 'agent', locale: 'hi' },
  { name: 'Meera Nair', email: 'agent3', role: 'agent', locale: 'en' },
  { name: 'Vikram Rao', email: 'agent4', role: 'agent', locale: 'en', availability: 'away' },
  { name: 'सुनीता यादव', email: 'agent5', role: 'agent', locale: 'hi' },
  { name: 'Farhan Qureshi', email: 'agent6', role: 'agent', locale: 'en', availability: 'offline' },
  { name: 'Neha Gupta', email: 'agent7', role: 'agent', locale: 'en' },
  { name: 'राहुल वर्मा', email: 'agent8', role: 'agent', locale: 'hi', availability: 'offline' },
];

const orgStems = [
  'Ganga Textiles',
  'Shakti Motors',
  'Annapurna Foods',
  'Kaveri Pharma',
  'Himalaya Traders',
  'Sagar Logistics',
  'Indus Fintech',
  'Lotus Hospitality',
  'Narmada Steel',
  'Surya Solar',
  'Vayu Airlines',
  'Prithvi Agro',
  'Chandra Electronics',
  'Tara Fashion',
  'Nilgiri Tea Co',
  'Deccan Builders',
  'Konark Media',
  'Meghdoot Couriers',
  'Saraswati Education',
  'Dhanvantari Health',
  'Kalpataru Retail',
  'Ajanta Ceramics',
  'Ellora Software',
  'Thar Tourism',
  'Sundarban Organics',
  'Malabar Spices',
  'Brahmaputra Energy',
  'Chola Insurance',
  'Vindhya Cement',
  'Godavari Dairy',
  'Aravalli Mining',
  'Mandovi Shipping',
  'Yamuna Paper',
  'Pushpak Travels',
  'Kamdhenu Feeds',
  'Rajhans Furniture',
  'Sahyadri Farms',
  'Triveni Engineering',
  'Udaan Drones',
  'Veda Wellness',
];
const firstNames = [
  'Aarav',
  'Ananya',
  'Ishaan',
  'Diya',
  'Kabir',
  'Saanvi',
  'Vivaan',
  'Aditi',
  'Reyansh',
  'Myra',
  'Arnav',
  'Kiara',
  'Sara',
  'John',
  'Fatima',
  'Joseph',
  'Gurpreet',
  'Lakshmi',
  'Rahul',
  'Pooja',
];
const lastNames = [
  'Patel',
  'Reddy',
  'Khan',
  'Das',
  'Joshi',
  'Menon',
  'Kaur',
  'Pillai',
  'Bose',
  'Chatterjee',
  'DSouza',
  'Mishra',
];
const hindiNames = [
  'आरव पटेल',
  'अनन्या रेड्डी',
  'इशान खान',
  'दिया दास',
  'कबीर जोशी',
  'सान्वी मेनन',
  'विवान कौर',
  'अदिति पिल्लै',
  'रेयांश बोस',
  'मायरा चटर्जी',
  'अर्णव मिश्रा',
  'कियारा श्रीवास्तव',
  'क्षितिज त्रिपाठी',
  'श्रेया द्विवेदी',
  'ऋषि कृष्णन',
];

const DAY = 86_400_000;

/**
 * Seeds the demo company when the database has no user yet: staff, teams, customers and custom fields
 * in one transaction, then its ticket history (tickets.ts). Returns the sign-ins it created.
 */
export async function seedDemo(deps: Deps): Promise<Person[] | null> {
  if ((await repo.countUsers(deps.db.kysely)) > 0) return null;
  const now = deps.clock.now();
  const hash = await hashPassword(DEMO_PASSWORD);
  const people = staff.map((p) => ({ ...p, email: `${p.email}@${DEMO_DOMAIN}` }));
  const world = await transaction(deps.db, async (trx): Promise<DemoWorld | null> => {
    if ((await repo.countUsers(trx)) > 0) return null;
    await seedSettings(trx, { companyName: 'Demo Company', defaultLocale: 'en', defaultTimeZone: 'Asia/Kolkata' }, now);
    const ids = await repo.insertUsers(
      trx,
      people.map((p, i) => ({
        name: p.name,
        email: p.email,
        password_hash: hash,
        role: p.role,
        locale: p.locale,
        time_zone: 'Asia/Kolkata',
        theme: 'auto',
        active: 1,
        capacity: p.role === 'agent' ? 25 : 10,
        availability: p.availability ?? 'online',
        last_login_at: null,
        // Everyone joined before the 90 days of ticket history begin.
        created_at: now - (120 - i) * DAY,
        updated_at: now,
      })),
    );
    const members: DemoStaff[] = people.map((p, i) => ({ id: ids[i]!, name: p.name, locale: p.locale }));
    const [, , lead1, lead2, ...agents] = members as [DemoStaff, DemoStaff, DemoStaff, DemoStaff, ...DemoStaff[]];
    const teams = [
      {
        key: 'care' as const,
        name: 'Customer Care',
        description: 'Orders, delivery, returns and refunds.',
        lead: lead1,
        agents: agents.slice(0, 4),
        mode: 'round_robin' as const,
        tier: 1,
      },
      {
        key: 'tech' as const,
        name: 'Technical Support',
        description: 'Accounts, app and payment problems.',
        lead: lead2,
        agents: agents.slice(4),
        mode: 'fewest_open' as const,
        tier: 2,
      },
    ];
    const demoTeams = {} as DemoWorld['teams'];
    for (const t of teams) {
      const teamId = await repo.insertTeam(trx, {
        name: t.name,
        description: t.description,
        lead_id: t.lead.id,
        assignment_mode: t.mode,
        tier: t.tier,
        created_at: now,
        updated_at: now,
      });
      await repo.insertMembers(
        trx,
        [t.lead, ...t.agents].map((u) => ({ team_id: teamId, user_id: u.id, created_at: now })),
      );
      demoTeams[t.key] = { id: teamId, lead: t.lead, agents: t.agents, mode: t.mode };
    }
    await seedCalendar(trx, { ...demoCalendar, isDefault: true, teamIds: [demoTeams.care.id, demoTeams.tech.id] }, now);
    await seedSlaPolicies(trx, demoSlaPolicies, now);
    await seedDemoMacros(trx, now);
    await seedDemoAutomation(trx, now);
    await seedEscalationRules(trx, demoEscalationRules, now);
    await seedDemoEmail(trx, demoTeams.care.id, now);
    // Who was online when, for the staffing heatmap (presence.ts).
    await repo.insertPresence(
      trx,
      demoPresence(
        members.map((m, i) => ({
          id: m.id,
          kind: i >= 4 ? ('agent' as const) : i >= 2 ? ('lead' as const) : ('other' as const),
          index: i - 4,
          availability: people[i]!.availability ?? 'online',
        })),
        now,
      ),
    );
    const orgIds = await repo.insertOrganisations(
      trx,
      orgStems.map((name, i) => ({
        name,
        domain: `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
        // A few large accounts with their own SLA policy, some mid-sized, the rest standard.
        tier: i < 4 ? 'Enterprise' : i < 12 ? 'Business' : 'Standard',
        created_at: now,
        updated_at: now,
      })),
    );
    const customers = Array.from({ length: 300 }, (_, i) => {
      const hindi = i % 4 === 3;
      const name = hindi
        ? hindiNames[i % hindiNames.length]!
        : `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`;
      const orgIndex = i % orgIds.length;
      const orgDomain = `${orgStems[orgIndex]!.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
      return {
        name,
        email: `customer${i + 1}@${orgDomain}`,
        phone: `+91 98${String(10_000_000 + i * 7919).slice(0, 8)}`,
        organisation_id: orgIds[orgIndex]!,
        locale: hindi ? ('hi' as const) : ('en' as const),
        created_at: now - (91 + (i % 270)) * DAY,
        updated_at: now,
      };
    });
    const customerIds = await repo.insertCustomers(trx, customers);
    const fieldIds = await seedFields(trx, demoFields, now);
    return {
      teams: demoTeams,
      customers: customers.map(
        (c): DemoCustomer => ({
          id: customerIds.get(c.email)!,
          name: c.name,
          locale: c.locale,
          organisationId: c.organisation_id,
        }),
      ),
      fieldIds,
    };
  });
  if (!world) return null;
  await seedTickets(deps, world);
  // Open tickets whose targets ran out in their history show as breached from the first look.
  await sweepBreaches(deps);
  await seedDemoEscalations(deps, world.teams.care.id);
  await seedDemoSurveys(deps);
  return people;
}
