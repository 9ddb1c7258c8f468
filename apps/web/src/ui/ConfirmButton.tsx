// A button that asks before doing something that cannot be undone.
import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

interface Props extends ButtonProps {
  label: string;
  /** Accessible name of the button when the visible label alone is ambiguous, e.g. "Revoke Deploy bot". */
  ariaLabel?: string;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  pending?: boolean;
  error?: unknown;
  /** Colour of the button that confirms; red for what cannot be undone. */
  confirmColor?: string;
}

export function ConfirmButton({
  label,
  ariaLabel,
  title,
  message,
  confirmLabel,
  onConfirm,
  pending,
  error,
  confirmColor = 'red',
  ...buttonProps
}: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="light" color="red" onClick={open} aria-label={ariaLabel} {...buttonProps}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm" mb="md">
          {message}
        </Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color={confirmColor}
            loading={pending}
            onClick={() => {
              onConfirm().then(close, () => undefined);
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
