// Shows an error as the server worded it (already in the user's language), or a generic one.
import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';

export function errorText(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter !== undefined) {
      const wait =
        error.retryAfter >= 90
          ? t('errors.retryAfterMinutes', { minutes: Math.ceil(error.retryAfter / 60) })
          : t('errors.retryAfter', { seconds: error.retryAfter });
      return `${error.message} ${wait}`;
    }
    return error.message;
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unexpected');
}

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorAlert({ error, title, onRetry }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" title={title ?? t('errors.title')} role="alert">
      <Text size="sm">{errorText(error, t)}</Text>
      {onRetry && (
        <Button mt="sm" size="xs" variant="light" color="red" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
