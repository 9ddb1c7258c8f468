// The inbox (/tickets, /tickets/views/:viewId): views, filters and search, the list, bulk changes, keys.
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { can, useCurrentUser } from '../../auth/session';
import { useAllUsers, useTeams } from '../../people/api';
import { ErrorAlert, errorText } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import {
  type BulkChanges,
  type TicketFilters,
  type TicketSort,
  ticketQuery,
  ticketQueryFromParams,
  useBulkUpdate,
  useTicketList,
  useViews,
  useViewTickets,
  type View,
} from '../api';
import { BulkActionBar, useReportBulk } from '../components/BulkActionBar';
import { FilterBar } from '../components/FilterBar';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { TicketTable } from '../components/TicketTable';
import { ViewFormModal } from '../components/ViewFormModal';
import { ViewSidebar } from '../components/ViewSidebar';
import { useShortcuts } from '../hooks/useShortcuts';
import { useViewName } from '../hooks/useViewName';
import { initialListState, type ListEvent, listReducer } from '../shortcuts';

function Inbox({ view }: { view: View | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const viewName = useViewName();
  const users = useAllUsers();
  const teams = useTeams();
  const bulk = useBulkUpdate();
  const report = useReportBulk();
  const searchRef = useRef<HTMLInputElement>(null);

  // The search, filters and sort live in the address too: a reload, the back button or a shared link
  // keeps them. Read once on arrival; then the page writes them there as they change.
  const [searchParams, setSearchParams] = useSearchParams();
  const [arrival] = useState(() => {
    const read = ticketQueryFromParams(searchParams);
    return { ...read, hasFilters: Object.keys(read.filters).length > 0 };
  });
  const [filters, setFilters] = useState<TicketFilters>(arrival.hasFilters ? arrival.filters : (view?.filters ?? {}));
  const [sort, setSort] = useState<TicketSort | null>(arrival.sort ?? null);
  const [touched, setTouched] = useState(arrival.hasFilters);
  const [q, setQ] = useState(arrival.q);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [help, setHelp] = useState(false);
  const [newView, setNewView] = useState(false);

  // An untouched view lists through its own endpoint; a search or changed filters through /tickets.
  const viewOnly = view !== null && !touched && debouncedQ === '' && sort === null;
  const effectiveSort: TicketSort = sort ?? (debouncedQ ? 'relevance' : (view?.sort ?? 'updated_desc'));
  const address = viewOnly
    ? ''
    : new URLSearchParams(
        Object.entries(ticketQuery(filters, debouncedQ, sort ?? undefined)).map(([k, v]) => [k, String(v)]),
      ).toString();
  // Only while the inbox is still where the browser is: a search that settles (the 300 ms debounce)
  // just after a click on a ticket would otherwise replace the ticket's address with the inbox's.
  const { pathname } = useLocation();
  useEffect(() => {
    if (window.location.pathname !== pathname) return;
    if (address !== searchParams.toString()) setSearchParams(address, { replace: true });
  }, [address, pathname, searchParams, setSearchParams]);
  const viewList = useViewTickets(viewOnly ? view.id : null);
  const searchList = useTicketList(filters, debouncedQ, effectiveSort, !viewOnly);
  const list = viewOnly ? viewList : searchList;
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const rows = tickets.map((ticket) => ticket.number);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const [state, dispatch] = useReducer(
    (s: typeof initialListState, e: ListEvent) => listReducer(s, e, rowsRef.current),
    initialListState,
  );
  const rowsKey = rows.join(',');
  useEffect(() => {
    if (rowsKey !== undefined) dispatch({ type: 'rows' });
  }, [rowsKey]);

  const targets = () => {
    if (state.selected.length > 0) return state.selected;
    const number = rows[state.cursor];
    return number === undefined ? [] : [number];
  };

  const apply = (changes: BulkChanges) => {
    const numbers = targets();
    if (numbers.length === 0) {
      notifications.show({ message: t('tickets.shortcuts.nothing') });
      return;
    }
    bulk.mutate(
      { numbers, changes },
      {
        onSuccess: (result) => {
          report(result);
          if (result.failed.length === 0) dispatch({ type: 'clear' });
        },
        onError: (error) =>
          notifications.show({ color: 'red', title: t('errors.title'), message: errorText(error, t) }),
      },
    );
  };

  useShortcuts((action, event) => {
    switch (action) {
      case 'down':
      case 'up':
      case 'toggle':
        event.preventDefault();
        dispatch({ type: action });
        break;
      case 'open': {
        const number = rows[state.cursor];
        if (number !== undefined) {
          event.preventDefault();
          void navigate(`/tickets/${number}`);
        }
        break;
      }
      case 'search':
        event.preventDefault();
        searchRef.current?.focus();
        break;
      case 'assign':
        event.preventDefault();
        apply({ assigneeId: me.id });
        break;
      case 'solve':
        event.preventDefault();
        apply({ status: 'solved' });
        break;
      case 'help':
        event.preventDefault();
        setHelp(true);
        break;
    }
  }, !help && !newView);

  const title = debouncedQ
    ? t('tickets.inbox.searchTitle', { q: debouncedQ })
    : view
      ? viewName(view)
      : t('tickets.views.allTickets');

  return (
    <Group align="flex-start" gap="lg" wrap="nowrap">
      <Box w={230} miw={230} visibleFrom="md">
        <ViewSidebar activeId={view?.id ?? null} selfId={me.id} onNewView={() => setNewView(true)} />
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <PageHeader
          title={title}
          actions={
            <>
              <Button variant="default" onClick={() => setHelp(true)}>
                {t('tickets.shortcuts.button')}
              </Button>
              <Button component={Link} to="/tickets/new">
                {t('tickets.new.button')}
              </Button>
            </>
          }
        />
        <FilterBar
          filters={filters}
          onFilters={(next) => {
            setFilters(next);
            setTouched(true);
          }}
          q={q}
          onQ={setQ}
          sort={effectiveSort}
          onSort={setSort}
          users={users.data ?? []}
          teams={teams.data ?? []}
          searchRef={searchRef}
        />
        {state.selected.length > 0 && (
          <BulkActionBar
            selected={state.selected}
            tickets={tickets}
            users={users.data ?? []}
            teams={teams.data ?? []}
            selfId={me.id}
            onDone={() => dispatch({ type: 'clear' })}
          />
        )}
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : tickets.length === 0 ? (
          <Text c="dimmed" py="lg">
            {debouncedQ ? t('tickets.inbox.noResults') : t('tickets.inbox.empty')}
          </Text>
        ) : (
          <Stack gap="sm">
            <TicketTable
              tickets={tickets}
              cursor={state.cursor}
              selected={state.selected}
              onToggle={(number) => dispatch({ type: 'toggle-number', number })}
              onToggleAll={() => dispatch({ type: 'select-all' })}
              onCursor={(index) => dispatch({ type: 'set-cursor', index })}
            />
            {list.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
            <Text size="xs" c="dimmed">
              {t('tickets.shortcuts.hint')}
            </Text>
          </Stack>
        )}
      </Box>
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} />
      {newView && (
        <ViewFormModal
          filters={filters}
          sort={effectiveSort}
          mayShare={can.shareViews(me.role)}
          onClose={() => setNewView(false)}
        />
      )}
    </Group>
  );
}

export function InboxPage() {
  const params = useParams();
  const viewId = params.viewId ? Number(params.viewId) : null;
  const views = useViews();
  if (viewId === null) return <Inbox key="all" view={null} />;
  if (views.isPending) return <Loading />;
  if (views.isError) return <ErrorAlert error={views.error} onRetry={() => void views.refetch()} />;
  const view = views.data.find((v) => v.id === viewId);
  // A view that was deleted (or never was) falls back to all tickets.
  return <Inbox key={viewId} view={view ?? null} />;
}
