// The answer to a satisfaction survey: the scores as large buttons (a click records it at once, a
// second click changes it), then an optional comment, then the thanks. The public survey page and the
// portal's ticket page both show it.
import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { SurveyAnswer as Answer } from '../api';
import { type SurveyKind, scoreColor, scoreLabelKey, scoresOf } from '../scores';

export const COMMENT_MAX = 2000;

interface Props {
  kind: SurveyKind;
  /** The question, as the survey words it. */
  question: string;
  score: number | null;
  comment: string | null;
  /** Still takes answers. */
  open: boolean;
  /** Shown once a score is in. */
  thanks: string;
  onAnswer: (answer: Answer) => Promise<unknown>;
  error: unknown;
}

export function SurveyAnswer({ kind, question, score, comment, open, thanks, onAnswer, error }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(comment ?? '');
  const [sending, setSending] = useState<number | 'comment' | null>(null);
  const [commentSent, setCommentSent] = useState(false);
  const scores = scoresOf(kind);
  const questionId = useId();

  const send = (answer: Answer, what: number | 'comment') => {
    setSending(what);
    onAnswer(answer).then(
      () => {
        setSending(null);
        if (what === 'comment') setCommentSent(true);
      },
      () => setSending(null),
    );
  };
  // A changed score keeps the comment already given.
  const choose = (value: number) => {
    if (value !== score) send({ score: value, ...(comment ? { comment } : {}) }, value);
  };
  const submitComment = (event: FormEvent) => {
    event.preventDefault();
    if (score === null) return;
    send({ score, comment: text.trim() }, 'comment');
  };

  return (
    <Stack gap="md">
      <Text fw={600} size="lg" id={questionId}>
        {question}
      </Text>
      <SimpleGrid
        cols={kind === 'nps' ? { base: 4, xs: 6, sm: 11 } : { base: 1, xs: 5 }}
        spacing="xs"
        role="group"
        aria-labelledby={questionId}
      >
        {scores.map((value) => {
          const selected = value === score;
          const label = kind === 'nps' ? String(value) : t(scoreLabelKey(kind, value));
          return (
            <Button
              key={value}
              size="md"
              h="auto"
              py="sm"
              px="xs"
              fz={kind === 'nps' ? 'md' : 'sm'}
              variant={selected ? 'filled' : 'default'}
              color={scoreColor(kind, value)}
              aria-pressed={selected}
              disabled={!open}
              loading={sending === value}
              onClick={() => choose(value)}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
            >
              {label}
            </Button>
          );
        })}
      </SimpleGrid>
      {kind === 'nps' && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('feedback.survey.npsLow')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('feedback.survey.npsHigh')}
          </Text>
        </Group>
      )}
      <ErrorAlert error={error && !fieldError(error, 'comment') ? error : null} />
      {!open && (
        <Alert color="gray" variant="light">
          {score === null ? t('feedback.survey.closed') : t('feedback.survey.closedAnswered')}
        </Alert>
      )}
      {score !== null && (
        <Alert color="green" variant="light" role="status" title={t('feedback.survey.recorded')}>
          {thanks}
        </Alert>
      )}
      {score !== null && open && (
        <form onSubmit={submitComment} noValidate>
          <Stack gap="sm">
            <Textarea
              label={t('feedback.survey.comment')}
              description={t('feedback.survey.commentHint')}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setCommentSent(false);
              }}
              error={fieldError(error, 'comment')}
              autosize
              minRows={3}
              maxLength={COMMENT_MAX}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed" role={commentSent ? 'status' : undefined}>
                {commentSent ? t('feedback.survey.commentSent') : ''}
              </Text>
              <Button type="submit" loading={sending === 'comment'} disabled={text.trim() === (comment ?? '')}>
                {t('feedback.survey.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {score !== null && !open && comment && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          “{comment}”
        </Text>
      )}
    </Stack>
  );
}
