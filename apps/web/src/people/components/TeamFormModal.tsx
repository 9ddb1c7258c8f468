import { Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../auth/api';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ASSIGNMENT_MODES, type AssignmentMode, type Team, useSaveTeam } from '../api';

interface Props {
  team: Team | null;
  users: User[];
  onClose: () => void;
}

export function TeamFormModal({ team, users, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSaveTeam();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  // Select and MultiSelect work with string values; the API with numeric ids.
  const [leadId, setLeadId] = useState<string | null>(team?.leadId ? String(team.leadId) : null);
  const [memberIds, setMemberIds] = useState<string[]>((team?.memberIds ?? []).map(String));
  const [assignmentMode, setAssignmentMode] = useState<AssignmentMode>(team?.assignmentMode ?? 'manual');
  const [tier, setTier] = useState<number | ''>(team?.tier ?? 1);

  // Inactive people stay listed when they already are in the team, so saving does not drop them silently.
  const options = users
    .filter((u) => u.active || memberIds.includes(String(u.id)) || String(u.id) === leadId)
    .map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: team?.id,
        name: name.trim(),
        description: description.trim(),
        leadId: leadId ? Number(leadId) : null,
        memberIds: memberIds.map(Number),
        assignmentMode,
        // An empty box is sent as 0, so the server's message explains the allowed range.
        tier: tier === '' ? 0 : tier,
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
      title={team ? t('people.teams.editTitle') : t('people.teams.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('people.teams.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
          />
          <Textarea
            label={t('people.teams.description')}
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(save.error, 'description')}
          />
          <Select
            label={t('people.teams.lead')}
            placeholder={t('people.teams.noLead')}
            searchable
            clearable
            value={leadId}
            onChange={setLeadId}
            data={options}
            error={fieldError(save.error, 'leadId')}
          />
          <MultiSelect
            label={t('people.teams.members')}
            searchable
            value={memberIds}
            onChange={setMemberIds}
            data={options}
            error={fieldError(save.error, 'memberIds')}
          />
          <Select
            label={t('people.teams.assignmentMode')}
            description={t(`people.teams.assignmentModeHints.${assignmentMode}`)}
            allowDeselect={false}
            value={assignmentMode}
            onChange={(value) => {
              const mode = ASSIGNMENT_MODES.find((m) => m === value);
              if (mode) setAssignmentMode(mode);
            }}
            data={ASSIGNMENT_MODES.map((value) => ({ value, label: t(`people.teams.assignmentModes.${value}`) }))}
            error={fieldError(save.error, 'assignmentMode')}
          />
          <NumberInput
            label={t('escalation.tier.label')}
            description={t('escalation.tier.hint')}
            min={1}
            max={9}
            allowDecimal={false}
            value={tier}
            onChange={(v) => setTier(v === '' ? '' : Number(v))}
            error={fieldError(save.error, 'tier')}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {team ? t('common.save') : t('people.teams.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
