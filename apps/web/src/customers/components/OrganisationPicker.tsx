// Choosing customer organisations by name or domain (an SLA policy's or a trigger's condition).
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../api';

const NONE = '__none__';

interface Props<V extends number | null> {
  label: string;
  description?: string;
  value: V[];
  onChange: (ids: V[]) => void;
  /** Offers "no organisation" (null) as a choice too, named so. */
  noneLabel?: V extends null ? string : never;
  error?: string | undefined;
}

export function OrganisationPicker<V extends number | null = number>({
  label,
  description,
  value,
  onChange,
  noneLabel,
  error,
}: Props<V>) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const { items } = useOrganisations(
    debounced,
    value.filter((v): v is NonNullable<V> => v !== null),
  );
  const data = [
    ...(noneLabel ? [{ value: NONE, label: noneLabel }] : []),
    ...items.map((o) => ({ value: String(o.id), label: o.domain ? `${o.name} (${o.domain})` : o.name })),
  ];
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
      data={data}
      value={value.map((v) => (v === null ? NONE : String(v)))}
      onChange={(v) => onChange(v.map((x) => (x === NONE ? null : Number(x))) as V[])}
      error={error}
      clearable
    />
  );
}
