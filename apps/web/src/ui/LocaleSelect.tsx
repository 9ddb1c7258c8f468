import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from '../i18n';

interface Props {
  value: Locale;
  onChange: (locale: Locale) => void;
  error?: string;
  /** Defaults to "Language". */
  label?: string;
  description?: string;
}

/** The language a user works in: English or हिन्दी. */
export function LocaleSelect({ value, onChange, error, label, description }: Props) {
  const { t } = useTranslation();
  return (
    <Select
      label={label ?? t('common.language')}
      description={description}
      allowDeselect={false}
      value={value}
      onChange={(next) => {
        if (isLocale(next)) onChange(next);
      }}
      data={[
        { value: 'en', label: t('languages.en') },
        { value: 'hi', label: t('languages.hi') },
      ]}
      error={error}
    />
  );
}
