// "Apply macro" on a ticket: pick one (searchable), see what it would do — the reply filled in for
// this ticket (editable, in the requester's language or the other) and each field's change — then
// apply it as one change.
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomField, type FieldValue, isVersionConflict, localLabel, type TicketDetail } from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import {
  type FieldChange,
  type Macro,
  type MacroLocale,
  type MacroPreview,
  useApplyMacro,
  useMacros,
  usePreviewMacro,
} from '../api';

interface Props {
  ticket: TicketDetail;
  fields: CustomField[];
  onConflict: () => void;
}

export function ApplyMacro({ ticket, fields, onConflict }: Props) {
  const { t } = useTranslation();
  const macros = useMacros({ activeOnly: true });
  const [picked, setPicked] = useState<Macro | null>(null);

  const items = macros.data?.items ?? [];
  const group = (shared: boolean) =>
    items.filter((m) => m.shared === shared).map((m) => ({ value: String(m.id), label: m.name }));
  const data = [
    { group: t('automation.macros.shared'), items: group(true) },
    { group: t('automation.macros.personal'), items: group(false) },
  ].filter((g) => g.items.length);

  return (
    <>
      <Select
        label={t('automation.macros.apply.label')}
        placeholder={t('automation.macros.apply.placeholder')}
        nothingFoundMessage={t('automation.macros.apply.nothingFound')}
        searchable
        clearable
        data={data}
        value={null}
        disabled={macros.isPending}
        onChange={(id) => setPicked(items.find((m) => String(m.id) === id) ?? null)}
        maw={420}
      />
      {picked && (
        <PreviewDialog
          key={picked.id}
          macro={picked}
          ticket={ticket}
          fields={fields}
          onClose={() => setPicked(null)}
          onConflict={onConflict}
        />
      )}
    </>
  );
}

function PreviewDialog({
  macro,
  ticket,
  fields,
  onClose,
  onConflict,
}: {
  macro: Macro;
  ticket: TicketDetail;
  fields: CustomField[];
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const preview = usePreviewMacro(ticket.number);
  const apply = useApplyMacro(ticket.number);
  const [shown, setShown] = useState<MacroPreview | null>(null);
  const [reply, setReply] = useState('');

  const load = (locale?: MacroLocale) =>
    preview.mutate(
      { id: macro.id, ...(locale ? { locale } : {}) },
      {
        onSuccess: (p) => {
          setShown(p);
          setReply(p.reply?.text ?? '');
        },
      },
    );
  // The preview is asked for once, when the dialog opens.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    load();
  });

  const submit = () => {
    if (!shown) return;
    apply.mutate(
      {
        id: macro.id,
        version: shown.ticketVersion,
        locale: shown.locale,
        ...(shown.reply ? { reply } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('automation.macros.apply.done', { name: macro.name }) });
          onClose();
        },
        onError: (error) => {
          if (isVersionConflict(error)) {
            onConflict();
            onClose();
          }
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={t('automation.macros.apply.title', { name: macro.name })}>
      <Stack gap="sm">
        {!shown && preview.isPending && <Loading />}
        <ErrorAlert error={preview.error} />
        {shown && (
          <>
            {shown.reply ? (
              <>
                <Group justify="space-between" align="flex-end">
                  <Text size="sm" fw={500}>
                    {shown.reply.kind === 'internal'
                      ? t('automation.macros.apply.noteLabel')
                      : t('automation.macros.apply.replyLabel')}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    aria-label={t('automation.macros.apply.language')}
                    value={shown.locale}
                    disabled={preview.isPending}
                    onChange={(v) => load(v as MacroLocale)}
                    data={[
                      { value: 'en', label: t('languages.en') },
                      { value: 'hi', label: t('languages.hi') },
                    ]}
                  />
                </Group>
                <Textarea
                  aria-label={
                    shown.reply.kind === 'internal'
                      ? t('automation.macros.apply.noteLabel')
                      : t('automation.macros.apply.replyLabel')
                  }
                  lang={shown.locale}
                  value={reply}
                  autosize
                  minRows={5}
                  maxRows={16}
                  maxLength={10_000}
                  onChange={(e) => setReply(e.currentTarget.value)}
                  description={t('automation.macros.apply.editable')}
                />
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('automation.macros.apply.noReply')}
              </Text>
            )}
            <Text size="sm" fw={500}>
              {t('automation.macros.apply.changes')}
            </Text>
            {shown.changes.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('automation.macros.apply.noChanges')}
              </Text>
            ) : (
              <Table aria-label={t('automation.macros.apply.changes')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('automation.macros.apply.field')}</Table.Th>
                    <Table.Th>{t('automation.macros.apply.from')}</Table.Th>
                    <Table.Th>{t('automation.macros.apply.to')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.changes.map((c) => (
                    <ChangeRow key={`${c.field}:${c.key ?? ''}`} change={c} fields={fields} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {apply.error && !isVersionConflict(apply.error) && <ErrorAlert error={apply.error} />}
            {ticket.version !== shown.ticketVersion && (
              <Alert color="orange">{t('automation.macros.apply.changedMeanwhile')}</Alert>
            )}
          </>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!shown || preview.isPending} loading={apply.isPending}>
            {t('automation.macros.apply.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ChangeRow({ change, fields }: { change: FieldChange; fields: CustomField[] }) {
  const { t, i18n } = useTranslation();
  const field = change.field === 'custom_field' ? fields.find((f) => f.key === change.key) : undefined;
  const label =
    change.field === 'custom_field'
      ? field
        ? localLabel(field, i18n.language)
        : (change.key ?? '')
      : t(`automation.macros.field.${change.field}`);
  const show = (value: FieldValue, name: string | null | undefined) => {
    if (change.field === 'status' || change.field === 'priority' || change.field === 'type') {
      return t(`tickets.${change.field}.${String(value)}`);
    }
    if (change.field === 'assignee') return name ?? t('automation.macros.actions.nobody');
    if (change.field === 'team') return name ?? t('automation.macros.actions.noTeam');
    if (value === null || (Array.isArray(value) && value.length === 0)) return '—';
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'boolean') return value ? t('automation.macros.apply.yes') : t('automation.macros.apply.no');
    if (field && (field.kind === 'dropdown' || field.kind === 'multiselect')) {
      const option = field.options.find((o) => o.value === value);
      return option ? localLabel(option, i18n.language) : String(value);
    }
    return String(value);
  };
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>{show(change.from, change.fromName)}</Table.Td>
      <Table.Td>{show(change.to, change.toName)}</Table.Td>
    </Table.Tr>
  );
}
