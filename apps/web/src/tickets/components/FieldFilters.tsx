// The inbox's custom field filters: one button that opens a control per active field, by its kind.
// A filter matches a ticket whose field holds the value (for a multi-select: one of its values).
import { Badge, Button, Popover, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomField, localLabel } from '../api';

interface Props {
  fields: CustomField[];
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
}

/** The filters with one key set to a value, or removed when the value is empty. */
export function withFieldFilter(value: Record<string, string>, key: string, next: string): Record<string, string> {
  const out = { ...value };
  if (next.trim() === '') delete out[key];
  else out[key] = next.trim();
  return out;
}

/** Free text, a number or a date: applied when the field is left or Enter is pressed, not per key. */
function TypedFilter({
  field,
  label,
  current,
  onApply,
}: {
  field: CustomField;
  label: string;
  current: string;
  onApply: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(current);
  useEffect(() => setDraft(current), [current]);
  return (
    <TextInput
      label={label}
      type={field.kind === 'date' ? 'date' : field.kind === 'number' ? 'number' : 'text'}
      placeholder={t('tickets.inbox.any')}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => draft !== current && onApply(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onApply(draft);
      }}
    />
  );
}

export function FieldFilters({ fields, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const active = fields.filter((f) => f.active);
  if (active.length === 0) return null;
  const count = Object.keys(value).length;
  const set = (key: string, next: string | null) => onChange(withFieldFilter(value, key, next ?? ''));

  return (
    <Popover position="bottom-start" withinPortal trapFocus shadow="md">
      <Popover.Target>
        <Button
          variant="default"
          rightSection={count > 0 ? <Badge size="sm">{count}</Badge> : null}
          aria-label={count > 0 ? t('tickets.inbox.fieldFiltersCount', { count }) : t('tickets.inbox.fieldFilters')}
        >
          {t('tickets.inbox.fieldFilters')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={260} role="group" aria-label={t('tickets.inbox.fieldFilters')}>
          {active.map((field) => {
            const label = localLabel(field, i18n.language);
            const current = value[field.key] ?? '';
            if (field.kind === 'dropdown' || field.kind === 'multiselect') {
              return (
                <Select
                  key={field.key}
                  label={label}
                  placeholder={t('tickets.inbox.any')}
                  clearable
                  searchable
                  comboboxProps={{ withinPortal: false }}
                  value={current || null}
                  onChange={(v) => set(field.key, v)}
                  data={field.options.map((o) => ({ value: o.value, label: localLabel(o, i18n.language) }))}
                />
              );
            }
            if (field.kind === 'checkbox') {
              return (
                <Select
                  key={field.key}
                  label={label}
                  placeholder={t('tickets.inbox.any')}
                  clearable
                  comboboxProps={{ withinPortal: false }}
                  value={current || null}
                  onChange={(v) => set(field.key, v)}
                  data={[
                    { value: 'true', label: t('tickets.inbox.yes') },
                    { value: 'false', label: t('tickets.inbox.no') },
                  ]}
                />
              );
            }
            return (
              <TypedFilter
                key={field.key}
                field={field}
                label={label}
                current={current}
                onApply={(v) => set(field.key, v)}
              />
            );
          })}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
