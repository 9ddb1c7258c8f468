// One reply text of a macro (English or Hindi) with a menu that inserts a placeholder at the caret;
// a placeholder that does not exist is pointed out while typing, and by name when the server refuses it.
import { Button, Group, Menu, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { insertAt, placeholderToken, unknownPlaceholders } from '../macros';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholders: string[];
  /** The server's message for this field, if it refused it. */
  serverError?: string | undefined;
  /** The placeholders the server refused in this field. */
  refused: string[];
  lang: 'en' | 'hi';
}

export function ReplyInput({ label, value, onChange, placeholders, serverError, refused, lang }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const unknown = placeholders.length ? unknownPlaceholders(value, placeholders) : [];
  const names = (list: string[]) => list.map(placeholderToken).join(', ');
  const error = refused.length
    ? t('automation.macros.errors.unknownPlaceholder', { names: names(refused) })
    : serverError;

  const insert = (name: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = insertAt(value, start, end, placeholderToken(name));
    onChange(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" fw={500} component="label" htmlFor={`macro-reply-${lang}`}>
          {label}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="subtle">
              {t('automation.macros.insertPlaceholder', { language: label })}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <ScrollArea.Autosize mah={320}>
              {placeholders.map((name) => (
                <Menu.Item key={name} onClick={() => insert(name)}>
                  <Text size="sm">{t(`automation.macros.placeholders.${name}`)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {placeholderToken(name)}
                  </Text>
                </Menu.Item>
              ))}
            </ScrollArea.Autosize>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Textarea
        id={`macro-reply-${lang}`}
        ref={ref}
        lang={lang}
        value={value}
        autosize
        minRows={4}
        maxRows={14}
        maxLength={10_000}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        description={
          !error && unknown.length
            ? t('automation.macros.errors.unknownWhileTyping', { names: names(unknown) })
            : undefined
        }
      />
    </Stack>
  );
}
