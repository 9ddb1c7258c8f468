import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import type { Schedule } from './api';
import {
  cleanRecipients,
  contentValue,
  defaultSchedulePeriod,
  isEmail,
  recipientsFieldError,
  recipientsProblem,
  reportIdOf,
  scheduleFormOf,
  schedulePayload,
  whenLabel,
} from './schedules';

const en = i18n.getFixedT('en');
const hi = i18n.getFixedT('hi');

const weekly = { frequency: 'weekly', weekday: 1, dayOfMonth: 1, hour: 8, timeZone: 'Asia/Kolkata' } as const;
const monthly = { frequency: 'monthly', weekday: 1, dayOfMonth: 15, hour: 17, timeZone: 'Europe/London' } as const;

describe('when a schedule goes out, in words', () => {
  it('reads in English', () => {
    expect(whenLabel(weekly, en, 'en')).toBe('Every Monday at 08:00 (Asia/Kolkata)');
    expect(whenLabel({ ...weekly, weekday: 7, hour: 0 }, en, 'en')).toBe('Every Sunday at 00:00 (Asia/Kolkata)');
    expect(whenLabel(monthly, en, 'en')).toBe('Monthly on day 15 at 17:00 (Europe/London)');
  });

  it('reads in Hindi, with the weekday named by Intl', () => {
    expect(whenLabel(weekly, hi, 'hi')).toBe('हर सोमवार 08:00 बजे (Asia/Kolkata)');
    expect(whenLabel({ ...weekly, weekday: 5 }, hi, 'hi')).toBe('हर शुक्रवार 08:00 बजे (Asia/Kolkata)');
    expect(whenLabel(monthly, hi, 'hi')).toBe('हर महीने की 15 तारीख़ को 17:00 बजे (Europe/London)');
  });
});

describe('the recipients', () => {
  it('checks addresses roughly as the browser does', () => {
    expect(isEmail('meera@example.in')).toBe(true);
    expect(isEmail('a.b+c@mail.example.co.in')).toBe(true);
    expect(isEmail('meera')).toBe(false);
    expect(isEmail('meera@example')).toBe(false);
    expect(isEmail('me era@example.in')).toBe(false);
    expect(isEmail('@example.in')).toBe(false);
  });

  it('are trimmed, without blanks or repeats of any case', () => {
    expect(cleanRecipients([' a@x.in', 'A@X.in', '', 'b@x.in '])).toEqual(['a@x.in', 'b@x.in']);
  });

  it('say what is wrong before the server does', () => {
    expect(recipientsProblem([], en)).toBe('Add at least one recipient.');
    expect(recipientsProblem(['a@x.in', 'nobody', 'b@'], en)).toBe('Not an email address: nobody, b@');
    expect(recipientsProblem(['a@x.in', 'nobody'], hi)).toBe('ये ईमेल पते नहीं हैं: nobody');
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@x.in`);
    expect(recipientsProblem(many, en)).toBe('At most 20 recipients.');
    expect(recipientsProblem(['a@x.in'], en)).toBeNull();
  });

  it("name the address a server's field error is about", () => {
    const sent = ['a@x.in', 'b@x'];
    expect(recipientsFieldError({ 'recipients.1': 'Invalid email address' }, sent)).toBe('b@x: Invalid email address');
    expect(recipientsFieldError({ recipients: 'Too big' }, sent)).toBe('Too big');
    expect(recipientsFieldError({ name: 'Too small' }, sent)).toBeUndefined();
  });
});

describe('the form and what it saves', () => {
  it('starts a new schedule every Monday at 08:00 in my zone and language, covering the week before', () => {
    const form = scheduleFormOf(null, { timeZone: 'Asia/Kolkata', locale: 'hi', reportId: 7, name: 'SLA' });
    expect(form).toEqual({
      name: 'SLA',
      reportId: 7,
      frequency: 'weekly',
      weekday: 1,
      dayOfMonth: 1,
      hour: 8,
      timeZone: 'Asia/Kolkata',
      locale: 'hi',
      period: 'previous_week',
      recipients: [],
      enabled: true,
    });
  });

  it('takes a saved schedule as it is, without the read-only fields', () => {
    const saved: Schedule = {
      ...scheduleFormOf(null, { timeZone: 'UTC', locale: 'en', reportId: null }),
      name: 'Board',
      frequency: 'monthly',
      period: 'last_30_days',
      recipients: ['ceo@x.in'],
      id: 3,
      ownerId: 1,
      ownerName: 'Meera',
      reportName: null,
      nextRunAt: '2026-12-01T02:30:00.000Z',
      lastSentAt: null,
      lastError: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    const form = scheduleFormOf(saved, { timeZone: 'Asia/Kolkata', locale: 'hi', reportId: 9 });
    expect(form).not.toHaveProperty('id');
    expect(form).not.toHaveProperty('nextRunAt');
    expect(form).toMatchObject({ name: 'Board', reportId: null, timeZone: 'UTC', period: 'last_30_days' });
  });

  it('saves the name and addresses tidied', () => {
    const form = {
      ...scheduleFormOf(null, { timeZone: 'Asia/Kolkata', locale: 'hi', reportId: null }),
      name: '  Weekly for the board ',
      recipients: ['ceo@x.in ', 'CEO@x.in', 'cfo@x.in'],
    };
    expect(schedulePayload(form)).toEqual({
      ...form,
      name: 'Weekly for the board',
      recipients: ['ceo@x.in', 'cfo@x.in'],
    });
  });

  it('follows the frequency with its period', () => {
    expect(defaultSchedulePeriod('weekly')).toBe('previous_week');
    expect(defaultSchedulePeriod('monthly')).toBe('previous_month');
  });

  it('chooses the overview or a report in one Select', () => {
    expect(contentValue(null)).toBe('overview');
    expect(contentValue(12)).toBe('12');
    expect(reportIdOf('overview')).toBeNull();
    expect(reportIdOf(null)).toBeNull();
    expect(reportIdOf('12')).toBe(12);
    expect(reportIdOf('x')).toBeNull();
  });
});
