// Create or edit an organisation: name, the domain that files new customers under it, its tier (which
// SLA policies can match on), notes for agents, and whether its customers share tickets in the portal.
import { Autocomplete, Button, Checkbox, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type Organisation, useSaveOrganisation, useTiers } from '../api';

interface Props {
  organisation: Organisation | null;
  onClose: () => void;
}

export function OrganisationFormModal({ organisation, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSaveOrganisation();
  const tiers = useTiers();
  const [name, setName] = useState(organisation?.name ?? '');
  const [domain, setDomain] = useState(organisation?.domain ?? '');
  const [tier, setTier] = useState(organisation?.tier ?? '');
  const [notes, setNotes] = useState(organisation?.notes ?? '');
  const [sharesTickets, setSharesTickets] = useState(organisation?.portalSharesTickets ?? false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: organisation?.id ?? null,
        body: {
          name: name.trim(),
          domain: domain.trim() || null,
          tier: tier.trim() || null,
          notes: notes.trim(),
          portalSharesTickets: sharesTickets,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={organisation ? t('customers.organisations.editTitle') : t('customers.organisations.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('customers.organisations.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            required
            maxLength={200}
            data-autofocus
          />
          <TextInput
            label={t('customers.organisations.domain')}
            description={t('customers.organisations.domainHint')}
            placeholder="example.com"
            value={domain}
            onChange={(e) => setDomain(e.currentTarget.value)}
            error={fieldError(save.error, 'domain')}
            maxLength={255}
            dir="ltr"
          />
          <Autocomplete
            label={t('customers.organisations.tier')}
            description={t('customers.organisations.tierHint')}
            value={tier}
            onChange={setTier}
            data={(tiers.data ?? []).map((x) => x.tier)}
            error={fieldError(save.error, 'tier')}
            maxLength={40}
          />
          <Textarea
            label={t('customers.organisations.notes')}
            description={t('customers.organisations.notesHint')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={fieldError(save.error, 'notes')}
            autosize
            minRows={3}
            maxLength={5000}
          />
          <Checkbox
            label={t('customers.organisations.portalShares')}
            description={t('customers.organisations.portalSharesHint')}
            checked={sharesTickets}
            onChange={(e) => setSharesTickets(e.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="sm">
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
