import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api';
import type { Macro } from './api';
import {
  actionError,
  filterMacros,
  insertAt,
  newAction,
  placeholderToken,
  refusedPlaceholders,
  replyFor,
  unknownPlaceholders,
} from './macros';

const macro = (name: string, description = ''): Macro => ({
  id: name.length,
  name,
  description,
  shared: true,
  ownerId: null,
  actions: [],
  replyEn: '',
  replyHi: '',
  replyKind: 'public',
  active: true,
  usageCount: 0,
  lastUsedAt: null,
  editable: false,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('macro helpers', () => {
  it('names the placeholders a text uses that do not exist', () => {
    const known = ['ticket.number', 'requester.first_name'];
    expect(unknownPlaceholders('Hi {{ requester.first_name }} #{{ticket.number}} {{ticket.nmber}}', known)).toEqual([
      'ticket.nmber',
    ]);
    expect(unknownPlaceholders('{single} braces', known)).toEqual([]);
  });

  it('inserts a placeholder at the caret or over the selection', () => {
    expect(insertAt('Hello , welcome', 6, 6, placeholderToken('requester.first_name'))).toEqual({
      text: 'Hello {{requester.first_name}}, welcome',
      caret: 30,
    });
    expect(insertAt('Hello NAME!', 6, 10, '{{agent.name}}')).toEqual({ text: 'Hello {{agent.name}}!', caret: 20 });
    // Out-of-range positions append.
    expect(insertAt('Hi', 99, 120, '!')).toEqual({ text: 'Hi!', caret: 3 });
  });

  it('starts each kind of action with a usable value', () => {
    expect(newAction('set_assignee')).toEqual({ type: 'set_assignee', value: 'current_user' });
    expect(newAction('add_tags')).toEqual({ type: 'add_tags', value: [] });
    expect(newAction('set_field')).toEqual({ type: 'set_field', key: '', value: null });
  });

  it('finds macros by every word of the query, in name or description', () => {
    const items = [macro('Refund issued', 'Money back'), macro('Ask for order details'), macro('रिफ़ंड जारी')];
    expect(filterMacros(items, 'refund').map((m) => m.name)).toEqual(['Refund issued']);
    expect(filterMacros(items, 'ORDER ask').map((m) => m.name)).toEqual(['Ask for order details']);
    expect(filterMacros(items, 'money refund').map((m) => m.name)).toEqual(['Refund issued']);
    expect(filterMacros(items, 'रिफ़ंड').map((m) => m.name)).toEqual(['रिफ़ंड जारी']);
    expect(filterMacros(items, '  ')).toHaveLength(3);
  });

  it('takes the reply in the language asked for, else the other one', () => {
    expect(replyFor({ replyEn: 'Hello', replyHi: 'नमस्ते' }, 'hi')).toBe('नमस्ते');
    expect(replyFor({ replyEn: 'Hello', replyHi: '  ' }, 'hi')).toBe('Hello');
    expect(replyFor({ replyEn: '', replyHi: 'नमस्ते' }, 'en')).toBe('नमस्ते');
  });

  it('reads the server’s refusals of a field and of an action', () => {
    const error = new ApiError(
      400,
      'validation_failed',
      'The request is not valid.',
      {
        fields: {
          replyHi: 'uses a placeholder that does not exist',
          'actions.1.value': 'names a team that does not exist',
        },
        placeholders: { replyHi: ['requester.firstname'] },
      },
      undefined,
    );
    expect(refusedPlaceholders(error, 'replyHi')).toEqual(['requester.firstname']);
    expect(refusedPlaceholders(error, 'replyEn')).toEqual([]);
    expect(actionError(error, 1)).toBe('names a team that does not exist');
    expect(actionError(error, 0)).toBeUndefined();
    expect(actionError(new Error('x'), 1)).toBeUndefined();
  });
});
