// The email channel's admin: support addresses (`/support-addresses`), IMAP mailboxes
// (`/mail-accounts`) and the outgoing SMTP server (`/mail-settings`); types mirror apps/server/src/channels/email/admin-schema.ts by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';

const keys = {
  addresses: ['support-addresses'] as const,
  accounts: ['mail-accounts'] as const,
  outgoing: ['mail-settings'] as const,
};

export interface SupportAddress {
  id: number;
  address: string;
  /** Display name of mail sent from it. */
  name: string;
  /** New tickets by mail to it go to this team. */
  teamId: number | null;
  isDefault: boolean;
  ackEnabled: boolean;
  ackSubjectEn: string;
  ackBodyEn: string;
  ackSubjectHi: string;
  ackBodyHi: string;
  createdAt: string;
  updatedAt: string;
}

/** The acknowledgement's subject and text in English and Hindi. */
export type AckTexts = Pick<SupportAddress, 'ackSubjectEn' | 'ackBodyEn' | 'ackSubjectHi' | 'ackBodyHi'>;

export type SupportAddressBody = Omit<SupportAddress, 'id' | 'createdAt' | 'updatedAt'>;

export function useSupportAddresses() {
  return useQuery({
    queryKey: keys.addresses,
    queryFn: ({ signal }) =>
      api<{
        items: SupportAddress[];
        placeholders: string[];
        defaultAcknowledgement: AckTexts;
      }>('/support-addresses', { signal }),
  });
}

export function useSaveSupportAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Partial<SupportAddressBody> }) =>
      id === null
        ? api<{ supportAddress: SupportAddress }>('/support-addresses', { method: 'POST', body })
        : api<{ supportAddress: SupportAddress }>(`/support-addresses/${encodeURIComponent(id)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.addresses }),
  });
}

export function useDeleteSupportAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/support-addresses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.addresses }),
  });
}

// ---------- IMAP mailboxes ----------

export const MAIL_SECURITY = ['tls', 'starttls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITY)[number];
/** The usual port of each kind of connection. */
export const DEFAULT_PORT: Record<MailSecurity, number> = { tls: 993, starttls: 143, none: 143 };

export interface MailAccount {
  id: number;
  name: string;
  host: string;
  port: number;
  security: MailSecurity;
  username: string;
  /** The password itself is never sent back. */
  hasPassword: boolean;
  mailbox: string;
  moveTo: string | null;
  active: boolean;
  /** The server's own (self-signed) certificate is accepted. */
  allowSelfSigned: boolean;
  lastPollAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MailAccountBody {
  name: string;
  host: string;
  port: number;
  security: MailSecurity;
  username: string;
  /** Left out on a change: the stored one is kept. */
  password?: string;
  mailbox: string;
  moveTo: string | null;
  active: boolean;
  allowSelfSigned: boolean;
}

export interface MailTestResult {
  ok: boolean;
  mailboxes?: string[];
  error?: string;
}

export function useMailAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: ({ signal }) => api<{ items: MailAccount[] }>('/mail-accounts', { signal }),
    select: (data) => data.items,
    // The status column follows the pollers.
    refetchInterval: 30_000,
  });
}

export function useSaveMailAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: MailAccountBody }) =>
      id === null
        ? api<{ mailAccount: MailAccount }>('/mail-accounts', { method: 'POST', body })
        : api<{ mailAccount: MailAccount }>(`/mail-accounts/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.accounts }),
  });
}

export function useDeleteMailAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/mail-accounts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.accounts }),
  });
}

/** "Test connection": unsaved settings, or a saved mailbox with the form's changes (no password: the stored one). */
export function useTestMailAccount() {
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: number | null;
      body: Pick<MailAccountBody, 'host' | 'port' | 'security' | 'username' | 'password' | 'allowSelfSigned'>;
    }) =>
      id === null
        ? api<MailTestResult>('/mail-accounts/test', { method: 'POST', body })
        : api<MailTestResult>(`/mail-accounts/${encodeURIComponent(id)}/test`, { method: 'POST', body }),
  });
}

// ---------- the outgoing SMTP server ----------

export type MailSecurityMode = 'tls' | 'starttls' | 'none';

export interface OutgoingSettings {
  /** admin: set here; environment: SMTP_URL; outbox: no server (mail written as .eml files). */
  source: 'admin' | 'environment' | 'outbox';
  smtp: {
    host: string;
    port: number;
    security: MailSecurityMode;
    username: string | null;
    hasPassword: boolean;
    from: string;
  } | null;
}

export interface OutgoingBody {
  host: string;
  port: number;
  security: MailSecurityMode;
  username: string | null;
  /** Left out: the stored one stays. */
  password?: string;
  from: string;
}

export function useOutgoing() {
  return useQuery({
    queryKey: keys.outgoing,
    queryFn: ({ signal }) => api<OutgoingSettings>('/mail-settings', { signal }),
  });
}

export function useSaveOutgoing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OutgoingBody) => api<OutgoingSettings>('/mail-settings', { method: 'PUT', body }),
    onSuccess: (data) => queryClient.setQueryData(keys.outgoing, data),
  });
}

export function useClearOutgoing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<OutgoingSettings>('/mail-settings', { method: 'DELETE' }),
    onSuccess: (data) => queryClient.setQueryData(keys.outgoing, data),
  });
}

/** Sends a test mail now: with the settings in the form when given, else the way mail goes out now. */
export function useTestOutgoing() {
  return useMutation({
    mutationFn: (body: { to: string; smtp?: OutgoingBody }) =>
      api<{ ok: boolean; error?: string }>('/mail-settings/test', { method: 'POST', body }),
  });
}
