import { describe, expect, it } from 'vitest';
import {
  firstName,
  PLACEHOLDERS,
  type PlaceholderValues,
  placeholdersIn,
  renderText,
  unknownPlaceholders,
} from './placeholders.js';

const values: PlaceholderValues = {
  ticket: { number: 1042, subject: 'Bat <cracked> & late', status: 'on_hold', priority: 'urgent', type: 'return' },
  requester: { name: 'Ravi Kumar', email: 'ravi@example.test' },
  organisation: null,
  agent: { name: 'Kavya Iyer', email: 'kavya@example.test' },
  team: { name: 'Returns' },
};

describe('placeholders', () => {
  it('finds the names a text uses, once each, spaces inside the braces allowed', () => {
    expect(placeholdersIn('Hi {{ requester.first_name }}, #{{ticket.number}} {{requester.first_name}}')).toEqual([
      'requester.first_name',
      'ticket.number',
    ]);
    expect(placeholdersIn('no placeholders, { single } braces')).toEqual([]);
  });

  it('names what is not a placeholder', () => {
    expect(unknownPlaceholders('{{ticket.number}} {{ticket.nmber}} {{}} {{agent.name}}')).toEqual(['ticket.nmber', '']);
    expect(unknownPlaceholders(PLACEHOLDERS.map((p) => `{{${p}}}`).join(' '))).toEqual([]);
  });

  it('fills in plain text as it is, statuses and priorities in the reply’s language', () => {
    const text =
      '{{requester.first_name}}: #{{ticket.number}} "{{ticket.subject}}" is {{ticket.status}} ({{ticket.priority}}), {{team.name}}, {{organisation.name}}.';
    expect(renderText(text, values, 'en')).toBe('Ravi: #1042 "Bat <cracked> & late" is on hold (urgent), Returns, .');
    expect(renderText('{{ticket.status}} / {{ticket.priority}} / {{ticket.type}}', values, 'hi')).toBe(
      'रुका हुआ / अत्यावश्यक / वापसी',
    );
    expect(renderText('{{ agent.first_name }} <{{agent.email}}>', values, 'hi')).toBe('Kavya <kavya@example.test>');
    // Unknown names stay as written (saving refuses them first).
    expect(renderText('{{nope}}', values, 'en')).toBe('{{nope}}');
  });

  it('takes the first word of a name', () => {
    expect(firstName('  Asha  Rao ')).toBe('Asha');
    expect(firstName('प्रिया शर्मा')).toBe('प्रिया');
    expect(firstName('')).toBe('');
  });
});
