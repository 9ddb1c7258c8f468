// Request and response schemas of macros.
import { z } from 'zod';
import { IsoTime } from '../platform/auth/schema.js';
import { MessageResponse, TicketDetail } from '../tickets/schema.js';
import { Actions } from './actions.js';

const Locale = z.enum(['en', 'hi']);
export const ReplyKind = z.enum(['public', 'internal']);
const ReplyText = z.string().max(10_000);

const macroFields = {
  name: z.string().trim().min(1, 'required').max(100),
  description: z.string().trim().max(500),
  /** True: every agent sees and applies it (admins and managers change it); false: the creator's own. */
  shared: z.boolean(),
  actions: Actions,
  /** Plain text with {{placeholders}}; empty: no reply in this language (the other one is used). */
  replyEn: ReplyText,
  replyHi: ReplyText,
  /** A public reply to the requester, or an internal note. */
  replyKind: ReplyKind,
  /** Switched off: kept, listed to those who manage it, not offered to apply. */
  active: z.boolean(),
};
export const CreateMacroBody = z.object({
  ...macroFields,
  description: macroFields.description.default(''),
  shared: macroFields.shared.default(false),
  actions: macroFields.actions.default([]),
  replyEn: macroFields.replyEn.default(''),
  replyHi: macroFields.replyHi.default(''),
  replyKind: macroFields.replyKind.default('public'),
  active: macroFields.active.default(true),
});
export const UpdateMacroBody = z.object(macroFields).partial().strict();

export const MacroListQuery = z.object({
  /** Words in the name or description. */
  q: z.string().trim().max(100).optional(),
  scope: z.enum(['all', 'shared', 'personal']).default('all'),
  /** Only those that can be applied (the ticket page's picker). */
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const ActionResponse = z.object({
  type: z.string(),
  key: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
});

export const Macro = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  shared: z.boolean(),
  /** The agent whose personal macro it is; null when shared. */
  ownerId: z.number().nullable(),
  actions: z.array(ActionResponse),
  replyEn: z.string(),
  replyHi: z.string(),
  replyKind: ReplyKind,
  active: z.boolean(),
  usageCount: z.number(),
  lastUsedAt: IsoTime.nullable(),
  /** Whether the caller may change or delete it. */
  editable: z.boolean(),
  createdBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export const MacroEnvelope = z.object({ macro: Macro });
export const MacroList = z.object({
  items: z.array(Macro),
  /** Every placeholder a reply may use, for editors to offer. */
  placeholders: z.array(z.string()),
});

export const MacroTicketParams = z.object({
  number: z.coerce.number().int().positive(),
  id: z.coerce.number().int().positive(),
});
export const PreviewMacroQuery = z.object({
  /** The reply's language; default: the requester's. */
  locale: Locale.optional(),
});
export const ApplyMacroBody = z.object({
  /** The ticket's version the agent previewed: a stale one gets 409. */
  version: z.number().int().positive(),
  locale: Locale.optional(),
  /** The reply as the agent edited it after the preview ('' sends none); default: the macro's, filled in. */
  reply: ReplyText.optional(),
});

const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export const FieldChange = z.object({
  field: z.enum(['status', 'priority', 'type', 'assignee', 'team', 'tags', 'custom_field']),
  /** The custom field's key (field "custom_field"). */
  key: z.string().optional(),
  from: Value,
  to: Value,
  /** Names of the users or teams (fields "assignee" and "team"). */
  fromName: z.string().nullable().optional(),
  toName: z.string().nullable().optional(),
});
export const MacroPreview = z.object({
  macro: z.object({ id: z.number(), name: z.string() }),
  locale: Locale,
  /** The filled-in reply, or null when the macro has none in either language. */
  reply: z.object({ kind: ReplyKind, text: z.string() }).nullable(),
  changes: z.array(FieldChange),
  /** Send it back with the apply. */
  ticketVersion: z.number(),
});
export const MacroApplied = z.object({ message: MessageResponse.nullable(), ticket: TicketDetail });
