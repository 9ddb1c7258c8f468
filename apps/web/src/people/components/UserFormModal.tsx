// Create a user (with a password, or without one: they get an invitation mail) or edit one.
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../auth/api';
import { useCurrentUser } from '../../auth/session';
import type { Locale } from '../../i18n';
import { fieldError } from '../../lib/api';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { TimeZoneSelect } from '../../ui/TimeZoneSelect';
import { useCreateUser, useUpdateUser } from '../api';

interface Props {
  /** The user to edit; without one the form creates a user. */
  user: User | null;
  onClose: () => void;
}

function isRole(value: string | null): value is Role {
  return ROLES.includes(value as Role);
}

export function UserFormModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateUser();
  const update = useUpdateUser();
  const status = useUpdateUser();
  const mutation = user ? update : create;

  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [locale, setLocale] = useState<Locale>(user?.locale ?? 'en');
  const [timeZone, setTimeZone] = useState(user?.timeZone ?? 'Asia/Kolkata');
  const [capacity, setCapacity] = useState<number | ''>(user?.capacity ?? 20);
  const [withPassword, setWithPassword] = useState(false);
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      name: name.trim(),
      email: email.trim(),
      role,
      locale,
      timeZone,
      ...(capacity === '' ? {} : { capacity }),
    };
    if (user) {
      update.mutate(
        { id: user.id, ...common },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('common.saved') });
            onClose();
          },
        },
      );
    } else {
      create.mutate(withPassword ? { ...common, password } : common, {
        onSuccess: ({ user: created }) => {
          notifications.show({
            color: 'green',
            message: withPassword
              ? t('people.users.created', { name: created.name })
              : t('people.users.invited', { name: created.name, email: created.email }),
          });
          onClose();
        },
      });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? t('people.users.editTitle') : t('people.users.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={mutation.error} />
          <TextInput
            label={t('auth.fields.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(mutation.error, 'name')}
          />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(mutation.error, 'email')}
          />
          <Group grow align="flex-start">
            <Select
              label={t('people.users.role')}
              allowDeselect={false}
              value={role}
              onChange={(value) => {
                if (isRole(value)) setRole(value);
              }}
              data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
              error={fieldError(mutation.error, 'role')}
            />
            <NumberInput
              label={t('people.users.capacity')}
              description={t('people.users.capacityHint')}
              min={0}
              max={1000}
              allowDecimal={false}
              value={capacity}
              onChange={(value) => setCapacity(typeof value === 'number' ? value : '')}
              error={fieldError(mutation.error, 'capacity')}
            />
          </Group>
          <Group grow align="flex-start">
            <LocaleSelect value={locale} onChange={setLocale} error={fieldError(mutation.error, 'locale')} />
            <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={fieldError(mutation.error, 'timeZone')} />
          </Group>
          {!user && (
            <>
              <Switch
                label={t('people.users.setPassword')}
                checked={withPassword}
                onChange={(e) => setWithPassword(e.currentTarget.checked)}
              />
              {withPassword ? (
                <PasswordInput
                  label={t('auth.fields.password')}
                  description={t('auth.fields.passwordHint')}
                  required
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError(mutation.error, 'password')}
                />
              ) : (
                <Alert color="blue" variant="light" role="note">
                  {t('people.users.invitationHint')}
                </Alert>
              )}
            </>
          )}
          {user && user.id !== me.id && (
            <Group justify="space-between" mt="xs">
              <ErrorAlert error={status.error} />
              {user.active ? (
                <ConfirmButton
                  label={t('people.users.deactivate')}
                  title={t('people.users.deactivateTitle')}
                  message={t('people.users.deactivateMessage', { name: user.name })}
                  confirmLabel={t('people.users.deactivate')}
                  pending={status.isPending}
                  error={status.error}
                  onConfirm={() => status.mutateAsync({ id: user.id, active: false }).then(onClose)}
                />
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  color="green"
                  loading={status.isPending}
                  onClick={() => status.mutate({ id: user.id, active: true }, { onSuccess: onClose })}
                >
                  {t('people.users.reactivate')}
                </Button>
              )}
            </Group>
          )}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {user ? t('common.save') : t('people.users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
