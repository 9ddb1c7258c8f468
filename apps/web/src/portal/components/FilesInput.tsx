import { FileInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Up to five files to send with a message. */
export function FilesInput({
  value,
  onChange,
  error,
}: {
  value: File[];
  onChange: (files: File[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <FileInput
      label={t('portal.fields.files')}
      description={t('portal.fields.filesHint')}
      placeholder={t('portal.fields.filesPlaceholder')}
      multiple
      clearable
      value={value}
      onChange={(files) => onChange(files.slice(0, 5))}
      error={error}
    />
  );
}
