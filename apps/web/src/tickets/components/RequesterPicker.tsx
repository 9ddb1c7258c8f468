// Find a customer by name or email, or type the email of a new one.
import { Combobox, Group, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Customer, useCustomerSearch } from '../../customers/api';

interface Props {
  value: Customer | null;
  onChange: (customer: Customer | null) => void;
  query: string;
  onQuery: (query: string) => void;
  error?: string;
}

export function RequesterPicker({ value, onChange, query, onQuery, error }: Props) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [debounced] = useDebouncedValue(query, 250);
  const search = useCustomerSearch(value ? '' : debounced);
  const [focused, setFocused] = useState(false);
  const results = search.data ?? [];

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const customer = results.find((c) => String(c.id) === id) ?? null;
        onChange(customer);
        if (customer) onQuery(customer.email ?? customer.name);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={t('tickets.new.requester')}
          description={value ? t('tickets.new.requesterChosen', { name: value.name }) : t('tickets.new.requesterHint')}
          required
          value={query}
          onChange={(e) => {
            onQuery(e.currentTarget.value);
            onChange(null);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => {
            setFocused(true);
            combobox.openDropdown();
          }}
          onBlur={() => {
            setFocused(false);
            combobox.closeDropdown();
          }}
          error={error}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!focused || value !== null || results.length === 0}>
        <Combobox.Options>
          {results.map((c) => (
            <Combobox.Option key={c.id} value={String(c.id)}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{c.name}</Text>
                <Text size="xs" c="dimmed">
                  {c.email ?? c.phone ?? ''}
                  {c.organisation ? ` · ${c.organisation.name}` : ''}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
