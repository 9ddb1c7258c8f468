// Create or edit a business calendar: name, time zone, working hours per weekday (several intervals a
// day), holidays (one-off or every year), the teams that count in it, and whether it is the default.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { timeZones } from '../../i18n/format';
import { fieldError } from '../../lib/api';
import { useTeams } from '../../people/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { type Calendar, type Holiday, useSaveCalendar, type WorkingHours } from '../api';
import { copyDay, intervalsOf, WEEKDAYS, weekdayName } from '../hours';

/** Times every quarter hour, 00:00 to 24:00 (the end of the day). */
const QUARTERS = Array.from({ length: 97 }, (_, i) => {
  const h = Math.floor(i / 4);
  const m = (i % 4) * 15;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
});

interface Props {
  calendar: Calendar | null;
  onClose: () => void;
}

/** Rows of the form carry a key of their own, so React keeps each input with its row. */
let lastKey = 0;
const keyed = <T,>(row: T) => ({ ...row, key: ++lastKey });
type HourRow = WorkingHours & { key: number };
type HolidayRow = Holiday & { key: number };

export function CalendarFormModal({ calendar, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const teams = useTeams();
  const save = useSaveCalendar();
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? me.timeZone);
  const [hours, setHours] = useState<HourRow[]>(() =>
    (calendar?.hours ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '18:00' }))).map(keyed),
  );
  const [holidays, setHolidays] = useState<HolidayRow[]>(() => (calendar?.holidays ?? []).map(keyed));
  const [isDefault, setIsDefault] = useState(calendar?.isDefault ?? false);
  const [teamIds, setTeamIds] = useState<number[]>(calendar?.teamIds ?? []);
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(timeZone) ? all : [timeZone, ...all];
  }, [timeZone]);
  const times = (value: string) => (QUARTERS.includes(value) ? QUARTERS : [...QUARTERS, value].sort());

  const replaceDay = (weekday: number, next: HourRow[]) =>
    setHours((all) => [...all.filter((h) => h.weekday !== weekday), ...next]);
  const setInterval = (weekday: number, index: number, patch: Partial<WorkingHours>) =>
    replaceDay(
      weekday,
      intervalsOf(hours, weekday).map((h, i) => (i === index ? { ...h, ...patch } : h)),
    );
  const setHoliday = (index: number, patch: Partial<Holiday>) =>
    setHolidays((all) => all.map((h, i) => (i === index ? { ...h, ...patch } : h)));

  // Server errors name hours by their index in what was sent: send them in the order shown.
  const sent = WEEKDAYS.flatMap((d) => intervalsOf(hours, d));
  const hoursError = fieldError(save.error, 'hours');
  const intervalError = (h: HourRow) => {
    const i = sent.indexOf(h);
    return fieldError(save.error, `hours.${i}`) ?? fieldError(save.error, `hours.${i}.to`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: calendar?.id ?? null,
        body: {
          name: name.trim(),
          timeZone,
          hours: sent.map(({ weekday, from, to }) => ({ weekday, from, to })),
          holidays: holidays.map(({ date, name, yearly }) => ({ date, name: name.trim(), yearly })),
          isDefault,
          teamIds,
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
      title={calendar ? t('sla.calendars.editTitle') : t('sla.calendars.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('sla.calendars.name')}
            required
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            data-autofocus
          />
          <Select
            label={t('sla.calendars.timeZone')}
            searchable
            allowDeselect={false}
            value={timeZone}
            onChange={(v) => v && setTimeZone(v)}
            data={zones}
            error={fieldError(save.error, 'timeZone')}
          />
          <MultiSelect
            label={t('sla.calendars.teams')}
            description={t('sla.calendars.teamsHint')}
            searchable
            value={teamIds.map(String)}
            onChange={(v) => setTeamIds(v.map(Number))}
            data={(teams.data ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
            error={fieldError(save.error, 'teamIds')}
            clearable
          />
          <Checkbox
            label={t('sla.calendars.isDefault')}
            description={t('sla.calendars.isDefaultHint')}
            checked={isDefault}
            onChange={(e) => setIsDefault(e.currentTarget.checked)}
          />

          <Title order={3} size="h5" mt="sm">
            {t('sla.calendars.hours')}
          </Title>
          {hoursError && (
            <Text c="red" size="sm" role="alert">
              {hoursError}
            </Text>
          )}
          <Table withRowBorders={false} verticalSpacing={4} aria-label={t('sla.calendars.hours')}>
            <Table.Tbody>
              {WEEKDAYS.map((weekday) => {
                const day = weekdayName(weekday, i18n.language);
                const intervals = intervalsOf(hours, weekday);
                return (
                  <Table.Tr key={weekday}>
                    <Table.Th scope="row" w={110} style={{ verticalAlign: 'top', paddingTop: 10 }}>
                      {day}
                    </Table.Th>
                    <Table.Td>
                      <Stack gap={4}>
                        {intervals.length === 0 && (
                          <Text size="sm" c="dimmed" pt={6}>
                            {t('sla.calendars.closed')}
                          </Text>
                        )}
                        {intervals.map((h, i) => (
                          <Group key={h.key} gap="xs" wrap="nowrap" align="flex-start">
                            <Select
                              aria-label={t('sla.calendars.fromOf', { day, n: i + 1 })}
                              w={100}
                              searchable
                              allowDeselect={false}
                              value={h.from}
                              onChange={(v) => v && setInterval(weekday, i, { from: v })}
                              data={times(h.from).slice(0, -1)}
                            />
                            <Text pt={6}>–</Text>
                            <Select
                              aria-label={t('sla.calendars.toOf', { day, n: i + 1 })}
                              w={100}
                              searchable
                              allowDeselect={false}
                              value={h.to}
                              onChange={(v) => v && setInterval(weekday, i, { to: v })}
                              data={times(h.to).slice(1)}
                              error={intervalError(h)}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              mt={4}
                              aria-label={t('sla.calendars.removeInterval', { day, n: i + 1 })}
                              onClick={() =>
                                replaceDay(
                                  weekday,
                                  intervals.filter((_, j) => j !== i),
                                )
                              }
                            >
                              ×
                            </ActionIcon>
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td w={230} style={{ verticalAlign: 'top' }}>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t('sla.calendars.addIntervalTo', { day })}
                          onClick={() => {
                            const last = intervals[intervals.length - 1];
                            const from = last ? last.to : '09:00';
                            const to = QUARTERS[Math.min(96, QUARTERS.indexOf(from) + 16)] ?? '24:00';
                            if (from !== '24:00') replaceDay(weekday, [...intervals, keyed({ weekday, from, to })]);
                          }}
                        >
                          {t('sla.calendars.addInterval')}
                        </Button>
                        {weekday === 1 && intervals.length > 0 && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() => setHours((all) => copyDay(all, 1, [1, 2, 3, 4, 5]))}
                          >
                            {t('sla.calendars.copyToWeekdays')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>

          <Title order={3} size="h5" mt="sm">
            {t('sla.calendars.holidays')}
          </Title>
          {holidays.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('sla.calendars.noHolidays')}
            </Text>
          )}
          {holidays.map((h, i) => (
            <Group key={h.key} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                type="date"
                label={t('sla.calendars.holidayDate')}
                required
                value={h.date}
                onChange={(e) => setHoliday(i, { date: e.currentTarget.value })}
                error={fieldError(save.error, `holidays.${i}.date`)}
                w={170}
              />
              <TextInput
                label={t('sla.calendars.holidayName')}
                value={h.name}
                maxLength={100}
                onChange={(e) => setHoliday(i, { name: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <Checkbox
                label={t('sla.calendars.yearly')}
                checked={h.yearly}
                onChange={(e) => setHoliday(i, { yearly: e.currentTarget.checked })}
                mb={8}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={6}
                aria-label={t('sla.calendars.removeHoliday', { n: i + 1 })}
                onClick={() => setHolidays((all) => all.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setHolidays((all) => [...all, keyed({ date: '', name: '', yearly: false })])}
            >
              {t('sla.calendars.addHoliday')}
            </Button>
          </Group>

          <Group justify="flex-end" mt="md">
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
