// Choosing customer organisations by name or domain (an SLA policy's condition).
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../api';

interface Props {
  label: string;
  description?: string;
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string | undefined;
}

export function OrganisationPicker({ label, description, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const { items } = useOrganisations(debounced, value);
  return (
    <MultiSelect
      label={label}
      description={description}
      placeholder={value.length ? undefined : t('customers.organisations.any')}
      searchable
      searchValue={query}
      onSearchChange={setQuery}
      // The server searched already; the box only offers what it found.
      filter={({ options }) => options}
      nothingFoundMessage={t('customers.organisations.none')}
      data={items.map((o) => ({ value: String(o.id), label: o.domain ? `${o.name} (${o.domain})` : o.name }))}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      error={error}
      clearable
    />
  );
}
