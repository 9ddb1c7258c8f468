// A new ticket on a customer's behalf (phone call, walk-in) or an outbound one (/tickets/new).
import { Button, Group, NumberInput, Paper, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Customer } from '../../customers/api';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type TicketChannel,
  type TicketPriority,
  type TicketType,
  useCreateTicket,
} from '../api';
import { RequesterPicker } from '../components/RequesterPicker';
import { textToHtml } from '../html';

const MESSAGE_KINDS = ['customer', 'reply', 'note'] as const;
type MessageKind = (typeof MESSAGE_KINDS)[number];

export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTicket();
  const [subject, setSubject] = useState('');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [requesterQuery, setRequesterQuery] = useState('');
  const [requesterName, setRequesterName] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [type, setType] = useState<TicketType>('question');
  const [channel, setChannel] = useState<TicketChannel>('phone');
  const [kind, setKind] = useState<MessageKind>('customer');
  const [message, setMessage] = useState('');
  const [orderRef, setOrderRef] = useState('');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const newRequester = customer === null && requesterQuery.includes('@');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        subject: subject.trim(),
        requester: customer
          ? { id: customer.id }
          : { email: requesterQuery.trim(), ...(requesterName.trim() ? { name: requesterName.trim() } : {}) },
        priority,
        type,
        channel,
        ...(type === 'return'
          ? {
              returnDetails: {
                orderRef: orderRef.trim(),
                reason: reason.trim(),
                amountMinor: Math.round(Number(amount || 0) * 100),
                currency: 'INR',
                refundState: 'requested' as const,
              },
            }
          : {}),
        message: { kind, html: message.trim() ? textToHtml(message.trim()) : '', attachmentIds: [] },
      },
      {
        onSuccess: ({ ticket }) => {
          notifications.show({ color: 'green', message: t('tickets.new.created', { number: ticket.number }) });
          void navigate(`/tickets/${ticket.number}`);
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('tickets.new.title')} />
      <Paper withBorder p="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={create.error} />
            <TextInput
              label={t('tickets.fields.subject')}
              required
              data-autofocus
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={fieldError(create.error, 'subject')}
            />
            <RequesterPicker
              value={customer}
              onChange={setCustomer}
              query={requesterQuery}
              onQuery={setRequesterQuery}
              error={
                fieldError(create.error, 'requester') ??
                fieldError(create.error, 'requester.email') ??
                fieldError(create.error, 'requester.id')
              }
            />
            {newRequester && (
              <TextInput
                label={t('tickets.new.requesterName')}
                description={t('tickets.new.requesterNameHint')}
                value={requesterName}
                onChange={(e) => setRequesterName(e.currentTarget.value)}
                error={fieldError(create.error, 'requester.name')}
              />
            )}
            <Group grow align="flex-start">
              <Select
                label={t('tickets.fields.priority')}
                allowDeselect={false}
                value={priority}
                onChange={(v) => setPriority(TICKET_PRIORITIES.find((p) => p === v) ?? 'normal')}
                data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))}
              />
              <Select
                label={t('tickets.fields.type')}
                allowDeselect={false}
                value={type}
                onChange={(v) => setType(TICKET_TYPES.find((x) => x === v) ?? 'question')}
                data={TICKET_TYPES.map((value) => ({ value, label: t(`tickets.type.${value}`) }))}
              />
              <Select
                label={t('tickets.fields.channel')}
                allowDeselect={false}
                value={channel}
                onChange={(v) => setChannel(TICKET_CHANNELS.find((x) => x === v) ?? 'web')}
                data={TICKET_CHANNELS.map((value) => ({ value, label: t(`tickets.channel.${value}`) }))}
              />
            </Group>
            {type === 'return' && (
              <Group grow align="flex-start">
                <TextInput
                  label={t('tickets.return.orderRef')}
                  required
                  value={orderRef}
                  onChange={(e) => setOrderRef(e.currentTarget.value)}
                  error={
                    fieldError(create.error, 'returnDetails.orderRef') ?? fieldError(create.error, 'returnDetails')
                  }
                />
                <NumberInput
                  label={t('tickets.return.amount')}
                  min={0}
                  decimalScale={2}
                  value={amount}
                  onChange={setAmount}
                  error={fieldError(create.error, 'returnDetails.amountMinor')}
                />
                <TextInput
                  label={t('tickets.return.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={fieldError(create.error, 'returnDetails.reason')}
                />
              </Group>
            )}
            <Select
              label={t('tickets.new.messageKind')}
              allowDeselect={false}
              value={kind}
              onChange={(v) => setKind(MESSAGE_KINDS.find((k) => k === v) ?? 'customer')}
              data={MESSAGE_KINDS.map((value) => ({ value, label: t(`tickets.new.kinds.${value}`) }))}
            />
            <Textarea
              label={t('tickets.new.message')}
              required
              autosize
              minRows={5}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={fieldError(create.error, 'message.html') ?? fieldError(create.error, 'message')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate(-1)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('tickets.new.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
