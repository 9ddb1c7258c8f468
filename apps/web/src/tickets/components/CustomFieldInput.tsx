// One custom field of a ticket, edited by its kind; text and numbers save when the field is left.
import { Checkbox, MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomField, type FieldValue, localLabel } from '../api';

interface Props {
  field: CustomField;
  value: FieldValue | undefined;
  onSave: (value: FieldValue) => void;
  error?: string;
  disabled?: boolean;
}

export function CustomFieldInput({ field, value, onSave, error, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const label = localLabel(field, i18n.language);
  const description = field.requiredOnSolve ? t('tickets.properties.requiredOnSolve') : undefined;
  const options = field.options.map((o) => ({ value: o.value, label: localLabel(o, i18n.language) }));
  const [draft, setDraft] = useState<string>(value === null || value === undefined ? '' : String(value));
  useEffect(() => setDraft(value === null || value === undefined ? '' : String(value)), [value]);
  const common = { label, description, error, disabled, size: 'sm' as const };

  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => {
            if (draft !== (value ?? '')) onSave(draft.trim() === '' ? null : draft.trim());
          }}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={draft}
          onChange={(v) => setDraft(String(v))}
          onBlur={() => {
            const next = draft === '' ? null : Number(draft);
            if (next !== (value ?? null) && (next === null || Number.isFinite(next))) onSave(next);
          }}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => onSave(e.currentTarget.value || null)}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={label}
          description={description}
          error={error}
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onSave(e.currentTarget.checked)}
        />
      );
    case 'dropdown':
      return (
        <Select
          {...common}
          clearable
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onSave(v)}
          data={options}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          clearable
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onSave(v)}
          data={options}
        />
      );
  }
}
