import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from '../i18n';

/** English / हिन्दी, each written in its own script. */
export function LanguageSwitch({ value, onChange }: { value: Locale; onChange: (locale: Locale) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={value}
      onChange={(v) => {
        if (isLocale(v)) onChange(v);
      }}
      data={[
        { value: 'en', label: t('languages.en') },
        { value: 'hi', label: t('languages.hi') },
      ]}
    />
  );
}
