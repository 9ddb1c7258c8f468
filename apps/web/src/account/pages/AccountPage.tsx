// My account: profile, notifications, password, sessions and API tokens, one tab each (/account/:tab).
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { NotificationPreferencesForm } from '../../notifications/components/NotificationPreferencesForm';
import { PageHeader } from '../../ui/PageHeader';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { ProfileForm } from '../components/ProfileForm';
import { SessionsList } from '../components/SessionsList';
import { TokensPanel } from '../components/TokensPanel';

const TABS = ['profile', 'notifications', 'password', 'sessions', 'tokens'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null | undefined): value is Tab {
  return TABS.includes(value as Tab);
}

export function AccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const tab: Tab = params.tab === undefined ? 'profile' : isTab(params.tab) ? params.tab : 'profile';
  if (params.tab !== undefined && !isTab(params.tab)) return <Navigate to="/account" replace />;

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isTab(value)) void navigate(value === 'profile' ? '/account' : `/account/${value}`);
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="profile">{t('account.tabs.profile')}</Tabs.Tab>
          <Tabs.Tab value="notifications">{t('account.tabs.notifications')}</Tabs.Tab>
          <Tabs.Tab value="password">{t('account.tabs.password')}</Tabs.Tab>
          <Tabs.Tab value="sessions">{t('account.tabs.sessions')}</Tabs.Tab>
          <Tabs.Tab value="tokens">{t('account.tabs.tokens')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile">
          <ProfileForm />
        </Tabs.Panel>
        <Tabs.Panel value="notifications">
          <NotificationPreferencesForm />
        </Tabs.Panel>
        <Tabs.Panel value="password">
          <ChangePasswordForm />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsList />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
