// Create or edit a ticket custom field: key and kind are fixed once created; options for lists.
import { ActionIcon, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import {
  CUSTOM_FIELD_KINDS,
  type CustomField,
  type CustomFieldKind,
  type FieldOption,
  useSaveCustomField,
} from '../../tickets/api';
import { ErrorAlert } from '../../ui/ErrorAlert';

interface Props {
  field: CustomField | null;
  onClose: () => void;
}

const hasOptions = (kind: CustomFieldKind) => kind === 'dropdown' || kind === 'multiselect';

export function CustomFieldFormModal({ field, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSaveCustomField();
  const [key, setKey] = useState(field?.key ?? '');
  const [labelEn, setLabelEn] = useState(field?.labelEn ?? '');
  const [labelHi, setLabelHi] = useState(field?.labelHi ?? '');
  const [kind, setKind] = useState<CustomFieldKind>(field?.kind ?? 'text');
  const [options, setOptions] = useState<FieldOption[]>(field?.options ?? []);
  const [requiredOnSolve, setRequiredOnSolve] = useState(field?.requiredOnSolve ?? false);
  const [position, setPosition] = useState<number | string>(field?.position ?? 100);

  const setOption = (index: number, patch: Partial<FieldOption>) =>
    setOptions((all) => all.map((o, i) => (i === index ? { ...o, ...patch } : o)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      labelEn: labelEn.trim(),
      labelHi: labelHi.trim(),
      options: hasOptions(kind)
        ? options.map((o) => ({ value: o.value.trim(), labelEn: o.labelEn.trim(), labelHi: o.labelHi.trim() }))
        : [],
      requiredOnSolve,
      position: typeof position === 'number' ? position : 100,
    };
    const onSuccess = () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    };
    if (field) save.mutate({ id: field.id, body: common }, { onSuccess });
    else save.mutate({ body: { ...common, key: key.trim(), kind } }, { onSuccess });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={field ? t('admin.customFields.editTitle') : t('admin.customFields.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('admin.customFields.key')}
            description={t('admin.customFields.keyHint')}
            required
            disabled={!!field}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            error={fieldError(save.error, 'key')}
            data-autofocus
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.customFields.labelEn')}
              required
              value={labelEn}
              onChange={(e) => setLabelEn(e.currentTarget.value)}
              error={fieldError(save.error, 'labelEn')}
            />
            <TextInput
              label={t('admin.customFields.labelHi')}
              required
              lang="hi"
              value={labelHi}
              onChange={(e) => setLabelHi(e.currentTarget.value)}
              error={fieldError(save.error, 'labelHi')}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('admin.customFields.kind')}
              allowDeselect={false}
              disabled={!!field}
              value={kind}
              onChange={(v) => setKind(CUSTOM_FIELD_KINDS.find((k) => k === v) ?? 'text')}
              data={CUSTOM_FIELD_KINDS.map((value) => ({ value, label: t(`admin.customFields.kinds.${value}`) }))}
              error={fieldError(save.error, 'kind')}
            />
            <NumberInput
              label={t('admin.customFields.position')}
              min={0}
              max={10000}
              allowDecimal={false}
              value={position}
              onChange={setPosition}
              error={fieldError(save.error, 'position')}
            />
          </Group>
          {hasOptions(kind) && (
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('admin.customFields.options')}
              </Text>
              {options.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('admin.customFields.noOptions')}
                </Text>
              )}
              {options.map((o, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, in order
                <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput
                    label={i === 0 ? t('admin.customFields.optionValue') : undefined}
                    aria-label={t('admin.customFields.optionValueN', { n: i + 1 })}
                    value={o.value}
                    onChange={(e) => setOption(i, { value: e.currentTarget.value })}
                    error={fieldError(save.error, `options.${i}.value`)}
                  />
                  <TextInput
                    label={i === 0 ? t('admin.customFields.labelEn') : undefined}
                    aria-label={t('admin.customFields.optionLabelEnN', { n: i + 1 })}
                    value={o.labelEn}
                    onChange={(e) => setOption(i, { labelEn: e.currentTarget.value })}
                    error={fieldError(save.error, `options.${i}.labelEn`)}
                  />
                  <TextInput
                    label={i === 0 ? t('admin.customFields.labelHi') : undefined}
                    aria-label={t('admin.customFields.optionLabelHiN', { n: i + 1 })}
                    lang="hi"
                    value={o.labelHi}
                    onChange={(e) => setOption(i, { labelHi: e.currentTarget.value })}
                    error={fieldError(save.error, `options.${i}.labelHi`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={4}
                    aria-label={t('admin.customFields.removeOption', { n: i + 1 })}
                    onClick={() => setOptions((all) => all.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setOptions((all) => [...all, { value: '', labelEn: '', labelHi: '' }])}
                >
                  {t('admin.customFields.addOption')}
                </Button>
              </Group>
            </Stack>
          )}
          <Checkbox
            label={t('admin.customFields.requiredOnSolve')}
            description={t('admin.customFields.requiredOnSolveHint')}
            checked={requiredOnSolve}
            onChange={(e) => setRequiredOnSolve(e.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {field ? t('common.save') : t('admin.customFields.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
