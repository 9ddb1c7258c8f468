import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZones } from '../i18n/format';

interface Props {
  value: string;
  onChange: (timeZone: string) => void;
  /** A zone to offer even when this browser does not list it, e.g. the one saved; defaults to value. */
  keep?: string;
  error?: string;
}

/** A searchable list of the browser's IANA time zones. */
export function TimeZoneSelect({ value, onChange, keep = value, error }: Props) {
  const { t } = useTranslation();
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(keep) ? all : [keep, ...all];
  }, [keep]);
  return (
    <Select
      label={t('common.timeZone')}
      searchable
      allowDeselect={false}
      value={value}
      onChange={(next) => {
        if (next) onChange(next);
      }}
      data={zones}
      limit={100}
      error={error}
    />
  );
}
