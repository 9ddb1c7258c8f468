// Conditions of triggers and time rules compiled once into plain predicates over a ticket's facts,
// so a change can be judged against a few hundred rules in well under a millisecond. Pure.
import type { DerivedTicket } from '../tickets/events.js';
import type { Condition, Conditions } from './rules-schema.js';

/** What a condition may look at: the ticket now, before the change, and what came with the change. */
export interface Facts {
  state: DerivedTicket;
  /** The ticket before this change (null: it is being created). */
  before: DerivedTicket | null;
  /** The text of the message this change adds, lower case (null: none). */
  message: string | null;
  requesterLocale: 'en' | 'hi';
  /** Now is within the working hours of the ticket team's calendar. */
  working: boolean;
}

export type Predicate = (f: Facts) => boolean;

export interface Compiled {
  test: Predicate;
  /** Facts that cost a query, asked for only when some rule needs them. */
  needsLocale: boolean;
  needsHours: boolean;
}

/** Conditions about the change as it happens: a resting ticket (a preview, a time rule) has none. */
export const CHANGE_FIELDS = new Set<Condition['field']>(['update', 'changed', 'message']);

const always: Predicate = () => true;

function one(c: Condition, ignoreChange: boolean): Predicate {
  const neg = 'op' in c && (c.op === 'is_not' || c.op === 'not_contains' || c.op === 'contains_none');
  const flip = (p: Predicate): Predicate => (neg ? (f) => !p(f) : p);
  if (ignoreChange && CHANGE_FIELDS.has(c.field)) return always;
  switch (c.field) {
    case 'status': {
      const set = new Set<string>(c.value);
      return flip((f) => set.has(f.state.status));
    }
    case 'priority': {
      const set = new Set<string>(c.value);
      return flip((f) => set.has(f.state.priority));
    }
    case 'type': {
      const set = new Set<string>(c.value);
      return flip((f) => set.has(f.state.type));
    }
    case 'channel': {
      const set = new Set<string>(c.value);
      return flip((f) => set.has(f.state.channel));
    }
    case 'team': {
      const set = new Set(c.value);
      return flip((f) => set.has(f.state.teamId));
    }
    case 'assignee': {
      const set = new Set(c.value);
      return flip((f) => set.has(f.state.assigneeId));
    }
    case 'requester': {
      const set = new Set(c.value);
      return flip((f) => set.has(f.state.requesterId));
    }
    case 'organisation': {
      const set = new Set(c.value);
      return flip((f) => set.has(f.state.organisationId));
    }
    case 'requester_locale': {
      const set = new Set<string>(c.value);
      return flip((f) => set.has(f.requesterLocale));
    }
    case 'tags': {
      const want = c.value;
      if (c.op === 'contains_all') return (f) => want.every((t) => f.state.tags.includes(t));
      // contains_any, or (negated) contains_none
      return flip((f) => want.some((t) => f.state.tags.includes(t)));
    }
    case 'custom_field': {
      const key = c.key;
      if (c.op === 'is_set' || c.op === 'is_not_set') {
        const set = c.op === 'is_set';
        return (f) => (f.state.fields[key] !== undefined && f.state.fields[key] !== null) === set;
      }
      const want = JSON.stringify(c.value ?? null);
      const wantOne = c.value;
      return flip((f) => {
        const v = f.state.fields[key] ?? null;
        // A multi-select "is" a value when it holds it.
        if (Array.isArray(v) && typeof wantOne === 'string') return v.includes(wantOne);
        return JSON.stringify(v) === want;
      });
    }
    case 'subject': {
      const words = c.value.toLowerCase();
      return flip((f) => f.state.subject.toLowerCase().includes(words));
    }
    case 'message': {
      const words = c.value.toLowerCase();
      return flip((f) => f.message?.includes(words) === true);
    }
    case 'update': {
      const created = c.value === 'created';
      return (f) => (f.before === null) === created;
    }
    case 'changed': {
      const key = (
        { status: 'status', priority: 'priority', type: 'type', assignee: 'assigneeId', team: 'teamId' } as const
      )[c.key];
      const { from, to } = c;
      return (f) => {
        if (!f.before) return false;
        const a = f.before[key];
        const b = f.state[key];
        return a !== b && (from === undefined || a === from) && (to === undefined || b === to);
      };
    }
    case 'business_hours':
      return flip((f) => f.working);
  }
}

/**
 * The conditions as one predicate. `ignoreChange`: conditions about the change as it happens hold
 * (a preview over resting tickets).
 */
export function compileConditions(c: Conditions, ignoreChange = false): Compiled {
  const all = c.all.map((x) => one(x, ignoreChange));
  const any = c.any.map((x) => one(x, ignoreChange));
  const fields = [...c.all, ...c.any].map((x) => x.field);
  const test: Predicate = (f) => {
    for (const p of all) if (!p(f)) return false;
    if (!any.length) return true;
    for (const p of any) if (p(f)) return true;
    return false;
  };
  return {
    test,
    needsLocale: fields.includes('requester_locale'),
    needsHours: fields.includes('business_hours'),
  };
}
