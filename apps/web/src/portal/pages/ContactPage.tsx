// The public contact form: anyone may write without signing in; a hidden field catches bots.
import { Alert, Anchor, Box, Button, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useContact } from '../api';

/** Out of sight and out of the tab order; only a bot that fills every field fills it. */
const hidden = {
  position: 'absolute',
  left: '-10000px',
  top: 'auto',
  width: 1,
  height: 1,
  overflow: 'hidden',
} as const;

export function ContactPage() {
  const { t } = useTranslation();
  const contact = useContact();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [website, setWebsite] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    contact.mutate({
      name: name.trim(),
      email: email.trim(),
      subject: subject.trim(),
      message: message.trim(),
      locale: currentLocale(),
      website,
    });
  };

  return (
    <Paper withBorder shadow="sm" p="lg" radius="md" maw={620} mx="auto">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t('portal.contact.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('portal.contact.subtitle')}
          </Text>
        </div>
        {contact.isSuccess ? (
          <Alert color="green" role="status" title={t('portal.contact.sentTitle')}>
            {t('portal.contact.sent')}
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <ErrorAlert error={contact.error} />
              <TextInput
                label={t('portal.fields.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldError(contact.error, 'name')}
                autoComplete="name"
                required
                maxLength={200}
              />
              <TextInput
                label={t('portal.fields.email')}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fieldError(contact.error, 'email')}
                autoComplete="email"
                required
              />
              <Box style={hidden} aria-hidden="true">
                <label htmlFor="contact-website">{t('portal.contact.website')}</label>
                <input
                  id="contact-website"
                  name="website"
                  type="text"
                  tabIndex={-1}
                  autoComplete="off"
                  value={website}
                  onChange={(e) => setWebsite(e.currentTarget.value)}
                />
              </Box>
              <TextInput
                label={t('portal.fields.subject')}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                error={fieldError(contact.error, 'subject')}
                required
                maxLength={250}
              />
              <Textarea
                label={t('portal.fields.message')}
                value={message}
                onChange={(e) => setMessage(e.currentTarget.value)}
                error={fieldError(contact.error, 'message')}
                autosize
                minRows={5}
                maxLength={20000}
                required
              />
              <Button type="submit" loading={contact.isPending}>
                {t('portal.contact.submit')}
              </Button>
            </Stack>
          </form>
        )}
        <Text size="sm" ta="center">
          {t('portal.contact.haveAccount')}{' '}
          <Anchor component={Link} to="/portal/sign-in">
            {t('portal.contact.signInLink')}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
