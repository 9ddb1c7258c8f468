// Last line of defence: a rendering error shows a message and a way out instead of a blank page.
import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ onReset }: { onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="md">
      <Alert color="red" title={t('errors.title')} role="alert" maw={480}>
        <Stack gap="sm">
          <Text size="sm">{t('errors.crashed')}</Text>
          <Button size="xs" variant="light" color="red" onClick={onReset}>
            {t('errors.reload')}
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.failed) return <Fallback onReset={() => window.location.reload()} />;
    return this.props.children;
  }
}
