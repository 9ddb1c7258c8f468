// Customer feedback: the public survey a customer answers (`/surveys/:token`), the staff inbox of
// answers (`/feedback`), its themes, and the survey settings (`/survey-settings`). Types mirror
// apps/server/src/feedback/schema.ts by hand.
import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api } from '../lib/api';
import type { TicketChannel, TicketPriority } from '../tickets/api';
import { type FeedbackFilters, feedbackQuery, themesQuery } from './filters';
import type { SurveyKind } from './scores';

const keys = {
  survey: (token: string) => ['survey', token] as const,
  feedback: ['feedback'] as const,
  list: (filters: FeedbackFilters) => ['feedback', 'list', filters] as const,
  themes: (filters: FeedbackFilters) => ['feedback', 'themes', filters] as const,
  settings: ['survey-settings'] as const,
};

// ---------- the public survey ----------

export interface PublicSurvey {
  kind: SurveyKind;
  ticketNumber: number | null;
  ticketSubject: string | null;
  companyName: string;
  locale: 'en' | 'hi';
  /** The question and thanks as the settings word them, in the survey's language. */
  question: string;
  thanks: string;
  score: number | null;
  comment: string | null;
  answeredAt: number | null;
  expiresAt: number;
  /** Still takes answers (a changed answer replaces the earlier one). */
  open: boolean;
  optedOut: boolean;
}

/** A survey as the portal's ticket page carries it: answered through the public endpoints with the token. */
export interface PortalSurveyRef {
  token: string;
  score: number | null;
  comment: string | null;
  open: boolean;
}

export interface SurveyAnswer {
  score: number;
  comment?: string;
}

const surveyPath = (token: string) => `/surveys/${encodeURIComponent(token)}`;

/** 404 survey_link_invalid and 410 survey_expired are answers to show, not failures to retry. */
export function isFinalSurveyError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 410);
}

export function useSurvey(token: string, enabled = true) {
  return useQuery({
    queryKey: keys.survey(token),
    queryFn: ({ signal }) => api<{ survey: PublicSurvey }>(surveyPath(token), { signal }),
    select: (data) => data.survey,
    enabled: enabled && token !== '',
  });
}

export function useAnswerSurvey(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyAnswer) =>
      api<{ survey: PublicSurvey }>(`${surveyPath(token)}/answer`, { method: 'POST', body }),
    onSuccess: (data) => queryClient.setQueryData(keys.survey(token), data),
  });
}

export function useSurveyOptOut(token: string) {
  return useMutation({
    mutationFn: () => api<{ optedOut: true }>(`${surveyPath(token)}/opt-out`, { method: 'POST' }),
  });
}

// ---------- the feedback inbox ----------

export interface FeedbackItem {
  id: number;
  kind: SurveyKind;
  score: number;
  comment: string | null;
  /** Themes staff gave the comment. */
  tags: string[];
  answeredAt: number;
  ticket: { number: number; subject: string; channel: TicketChannel; priority: TicketPriority } | null;
  customer: { id: number; name: string; email: string };
  agent: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  followUpTicketNumber: number | null;
  forwarded: { at: number; by: { id: number; name: string } | null; to: string } | null;
}

export interface FeedbackSummary {
  sent: number;
  answered: number;
  /** 0–100, null when nothing was sent. */
  responseRate: number | null;
  /** CSAT: % of answers 4–5; NPS: −100…100. */
  score: number | null;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  nextCursor: string | null;
  summary: FeedbackSummary;
}

const PAGE_SIZE = 50;

export function useFeedback(filters: FeedbackFilters) {
  return useInfiniteQuery({
    queryKey: keys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<FeedbackPage>('/feedback', {
        query: { ...feedbackQuery(filters), limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The pages with one item swapped for its new state, wherever it is. */
export function replaceItem(data: InfiniteData<FeedbackPage>, item: FeedbackItem): InfiniteData<FeedbackPage> {
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((i) => i.id === item.id)
        ? { ...page, items: page.items.map((i) => (i.id === item.id ? item : i)) }
        : page,
    ),
  };
}

function storeItem(queryClient: QueryClient, item: FeedbackItem) {
  queryClient.setQueriesData<InfiniteData<FeedbackPage>>({ queryKey: [...keys.feedback, 'list'] }, (old) =>
    old ? replaceItem(old, item) : old,
  );
}

export function useSetFeedbackTags() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, tags }: { id: number; tags: string[] }) =>
      api<{ item: FeedbackItem }>(`/feedback/${encodeURIComponent(id)}`, { method: 'PATCH', body: { tags } }),
    onSuccess: ({ item }) => {
      storeItem(queryClient, item);
      // The themes may count the tags given to comments.
      void queryClient.invalidateQueries({ queryKey: [...keys.feedback, 'themes'] });
    },
  });
}

export function useFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, subject, html }: { id: number; subject: string; html: string }) =>
      api<{ item: FeedbackItem; ticketNumber: number }>(`/feedback/${encodeURIComponent(id)}/follow-up`, {
        method: 'POST',
        body: { subject, html },
      }),
    onSuccess: ({ item }) => storeItem(queryClient, item),
  });
}

export function useForwardFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note?: string }) =>
      api<{ item: FeedbackItem }>(`/feedback/${encodeURIComponent(id)}/forward`, {
        method: 'POST',
        body: note ? { note } : {},
      }),
    onSuccess: ({ item }) => storeItem(queryClient, item),
  });
}

export interface FeedbackTheme {
  term: string;
  count: number;
  previousCount: number;
  /** Change of the term's share of comments against the period before, in percentage points. */
  trend: number | null;
  /** 0–1: the average score on a 0–1 scale. */
  averageScore: number;
  /** 0–1: share of the term's comments with a low score. */
  lowScoreShare: number;
  examples: { id: number; text: string; score: number; scale: SurveyKind }[];
}

export interface FeedbackThemes {
  themes: FeedbackTheme[];
  comments: number;
  previousComments: number;
}

export function useFeedbackThemes(filters: FeedbackFilters, enabled: boolean) {
  return useQuery({
    queryKey: keys.themes(filters),
    queryFn: ({ signal }) => api<FeedbackThemes>('/feedback/themes', { query: themesQuery(filters), signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ---------- survey settings ----------

export interface SurveyTexts {
  subject: string;
  intro: string;
  question: string;
  thanks: string;
}

export interface LocalizedSurveyTexts {
  en: SurveyTexts;
  hi: SurveyTexts;
}

export interface SurveySettings {
  csat: {
    enabled: boolean;
    /** Minutes after the solve before the survey goes out, 0–10080. */
    delayMinutes: number;
    /** Days the link takes answers, 1–90. */
    expiryDays: number;
    /** null: every team. */
    teamIds: number[] | null;
    /** null: every channel. */
    channels: TicketChannel[] | null;
    texts: LocalizedSurveyTexts;
  };
  nps: {
    enabled: boolean;
    periodDays: number;
    throttleDays: number;
    /** Judged on the customer's latest solved ticket of the period; null: every team, every channel. */
    teamIds: number[] | null;
    channels: TicketChannel[] | null;
    texts: LocalizedSurveyTexts;
  };
  productFeedback: { email: string | null; webhookUrl: string | null };
}

export function useSurveySettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: ({ signal }) => api<{ settings: SurveySettings }>('/survey-settings', { signal }),
    select: (data) => data.settings,
  });
}

export function useSaveSurveySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: SurveySettings) =>
      api<{ settings: SurveySettings }>('/survey-settings', { method: 'PUT', body: settings }),
    onSuccess: (data) => queryClient.setQueryData(keys.settings, data),
  });
}
