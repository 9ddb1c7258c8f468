// The survey settings form: what it shows for the stored settings and what it saves.
import { describe, expect, it } from 'vitest';
import type { SurveySettings } from './api';
import { formFromSettings, settingsBody } from './settings';
import { cleanTags } from './tags';

const texts = {
  en: { subject: ' How did we do? ', intro: 'Hi {{requester.first_name}}', question: 'Rate us', thanks: 'Thanks' },
  hi: { subject: 'हमारी सेवा कैसी रही?', intro: 'नमस्ते', question: 'रेटिंग दें', thanks: 'धन्यवाद' },
};
const stored: SurveySettings = {
  csat: { enabled: true, delayMinutes: 60, expiryDays: 14, teamIds: null, channels: null, texts },
  nps: { enabled: false, periodDays: 90, throttleDays: 180, teamIds: null, channels: ['phone'], texts },
  productFeedback: { email: null, webhookUrl: null },
};

describe('survey settings form', () => {
  it('shows "every team / channel" as empty pickers and unset targets as empty fields', () => {
    const form = formFromSettings(stored);
    expect(form.csat.teamIds).toEqual([]);
    expect(form.csat.channels).toEqual([]);
    expect(form.nps.teamIds).toEqual([]);
    expect(form.nps.channels).toEqual(['phone']);
    expect(form.productFeedback).toEqual({ email: '', webhookUrl: '' });
  });

  it('saves empty pickers as null, trims texts and leaves blank targets unset', () => {
    const form = formFromSettings(stored);
    form.productFeedback.email = '  product@example.com ';
    form.productFeedback.webhookUrl = '   ';
    const body = settingsBody(form);
    expect(body.csat.teamIds).toBeNull();
    expect(body.csat.channels).toBeNull();
    expect(body.csat.texts.en.subject).toBe('How did we do?');
    expect(body.productFeedback).toEqual({ email: 'product@example.com', webhookUrl: null });
    form.csat.teamIds = [2, 5];
    form.csat.channels = ['email', 'chat'];
    expect(settingsBody(form).csat).toMatchObject({ teamIds: [2, 5], channels: ['email', 'chat'] });
    expect(settingsBody(form).nps).toMatchObject({ teamIds: null, channels: ['phone'] });
    form.nps.channels = [];
    expect(settingsBody(form).nps.channels).toBeNull();
  });
});

describe('themes given to a comment', () => {
  it('are trimmed, unique, at most 80 characters and at most 20', () => {
    expect(cleanTags([' refund ', 'refund', '', 'delivery'])).toEqual(['refund', 'delivery']);
    expect(cleanTags(['x'.repeat(90)])[0]).toHaveLength(80);
    expect(cleanTags(Array.from({ length: 25 }, (_, i) => `t${i}`))).toHaveLength(20);
  });
});
