// Saves the inbox's current filters and sort as a view, or renames / shares / deletes one.
import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { compactFilters, type TicketFilters, type TicketSort, useSaveView } from '../api';

interface Props {
  filters: TicketFilters;
  sort: TicketSort;
  mayShare: boolean;
  onClose: () => void;
}

export function ViewFormModal({ filters, sort, mayShare, onClose }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveView();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const compact = compactFilters(filters);
  const count = Object.keys(compact).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { name: name.trim(), shared, filters: compact, sort: sort === 'relevance' ? 'updated_desc' : sort },
      {
        onSuccess: ({ view }) => {
          notifications.show({ color: 'green', message: t('tickets.views.created', { name: view.name }) });
          onClose();
          void navigate(`/tickets/views/${view.id}`);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('tickets.views.newTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('tickets.views.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
          />
          <Text size="sm" c="dimmed">
            {count === 0 ? t('tickets.views.noFilters') : t('tickets.views.withFilters', { count })}
          </Text>
          {mayShare && (
            <Checkbox
              label={t('tickets.views.shared')}
              description={t('tickets.views.sharedHint')}
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('tickets.views.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
