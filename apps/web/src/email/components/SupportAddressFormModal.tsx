// Create or edit a support address: the address, the display name mail goes out under, the team new
// tickets go to, the default, and the acknowledgement of a new ticket in English and Hindi (plain text
// with placeholders; a language left empty falls back to the other).
import {
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { useTeams } from '../../people/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type AckTexts, type SupportAddress, useSaveSupportAddress } from '../api';

interface Props {
  supportAddress: SupportAddress | null;
  /** The placeholders the texts may use (from the server). */
  placeholders: string[];
  /** What a new address starts with. */
  defaults: AckTexts;
  onClose: () => void;
}

type Lang = 'en' | 'hi';
const FIELDS: Record<Lang, { subject: keyof AckTexts; body: keyof AckTexts }> = {
  en: { subject: 'ackSubjectEn', body: 'ackBodyEn' },
  hi: { subject: 'ackSubjectHi', body: 'ackBodyHi' },
};

export function SupportAddressFormModal({ supportAddress, placeholders, defaults, onClose }: Props) {
  const { t } = useTranslation();
  const teams = useTeams();
  const save = useSaveSupportAddress();
  const [address, setAddress] = useState(supportAddress?.address ?? '');
  const [name, setName] = useState(supportAddress?.name ?? '');
  const [teamId, setTeamId] = useState<number | null>(supportAddress?.teamId ?? null);
  const [isDefault, setIsDefault] = useState(supportAddress?.isDefault ?? false);
  const [ackEnabled, setAckEnabled] = useState(supportAddress?.ackEnabled ?? true);
  const [texts, setTexts] = useState<AckTexts>(() => ({
    ackSubjectEn: supportAddress?.ackSubjectEn ?? defaults.ackSubjectEn,
    ackBodyEn: supportAddress?.ackBodyEn ?? defaults.ackBodyEn,
    ackSubjectHi: supportAddress?.ackSubjectHi ?? defaults.ackSubjectHi,
    ackBodyHi: supportAddress?.ackBodyHi ?? defaults.ackBodyHi,
  }));
  const [tab, setTab] = useState<Lang>('en');
  const hasError = (lang: Lang) =>
    !!fieldError(save.error, FIELDS[lang].subject) || !!fieldError(save.error, FIELDS[lang].body);

  // A problem in the other language's texts: show that tab, so the message is seen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new error moves the tab
  useEffect(() => {
    if (!hasError(tab) && hasError(tab === 'en' ? 'hi' : 'en')) setTab(tab === 'en' ? 'hi' : 'en');
  }, [save.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: supportAddress?.id ?? null,
        body: { address: address.trim(), name: name.trim(), teamId, isDefault, ackEnabled, ...texts },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
        },
      },
    );
  };

  const languageLabel = (lang: Lang) => (
    <>
      {t(`email.addresses.lang.${lang}`)}
      {hasError(lang) && (
        <Text span c="red" ml={4} aria-label={t('email.addresses.tabHasError')}>
          •
        </Text>
      )}
    </>
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={supportAddress ? t('email.addresses.editTitle') : t('email.addresses.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('email.addresses.address')}
            required
            type="email"
            dir="ltr"
            placeholder="support@example.com"
            value={address}
            maxLength={320}
            onChange={(e) => setAddress(e.currentTarget.value)}
            error={fieldError(save.error, 'address')}
            data-autofocus
          />
          <TextInput
            label={t('email.addresses.name')}
            description={t('email.addresses.nameHint')}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
          />
          <Select
            label={t('email.addresses.team')}
            description={t('email.addresses.teamHint')}
            placeholder={t('email.addresses.noTeam')}
            clearable
            value={teamId === null ? null : String(teamId)}
            onChange={(v) => setTeamId(v ? Number(v) : null)}
            data={(teams.data ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
            error={fieldError(save.error, 'teamId')}
          />
          <Checkbox
            label={t('email.addresses.isDefault')}
            description={
              supportAddress?.isDefault ? t('email.addresses.isDefaultLocked') : t('email.addresses.isDefaultHint')
            }
            checked={isDefault}
            disabled={supportAddress?.isDefault === true}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
            error={fieldError(save.error, 'isDefault')}
          />

          <Switch
            mt="sm"
            label={t('email.addresses.ackEnabled')}
            description={t('email.addresses.ackEnabledHint')}
            checked={ackEnabled}
            onChange={(e) => setAckEnabled(e.currentTarget.checked)}
          />
          <Tabs value={tab} onChange={(v) => v && setTab(v as Lang)}>
            <Tabs.List>
              <Tabs.Tab value="en">{languageLabel('en')}</Tabs.Tab>
              <Tabs.Tab value="hi">{languageLabel('hi')}</Tabs.Tab>
            </Tabs.List>
            {(['en', 'hi'] as const).map((lang) => (
              <Tabs.Panel key={lang} value={lang} pt="sm">
                <Stack gap="sm" lang={lang}>
                  <TextInput
                    label={t('email.addresses.ackSubject')}
                    value={texts[FIELDS[lang].subject]}
                    maxLength={300}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setTexts((all) => ({ ...all, [FIELDS[lang].subject]: value }));
                    }}
                    error={fieldError(save.error, FIELDS[lang].subject)}
                  />
                  <Textarea
                    label={t('email.addresses.ackBody')}
                    value={texts[FIELDS[lang].body]}
                    autosize
                    minRows={6}
                    maxRows={14}
                    maxLength={10_000}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setTexts((all) => ({ ...all, [FIELDS[lang].body]: value }));
                    }}
                    error={fieldError(save.error, FIELDS[lang].body)}
                  />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
          <Text size="sm" c="dimmed">
            {t('email.addresses.ackHint')}
          </Text>
          <Group gap={6} aria-label={t('email.addresses.placeholders')} role="list">
            <Text size="sm" fw={500}>
              {t('email.addresses.placeholders')}
            </Text>
            {placeholders.map((p) => (
              <Code key={p} role="listitem" dir="ltr">{`{{${p}}}`}</Code>
            ))}
          </Group>

          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
