// A textarea that offers agents' names after "@" and inserts "@Name" when one is picked.
import { Combobox, Textarea, type TextareaProps, useCombobox } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { User } from '../../auth/api';
import { insertMention, type Mention, mentionQuery } from '../html';

interface Props extends Omit<TextareaProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** Offer mentions at all (internal notes only). */
  mentionable: boolean;
  users: User[];
  onMention: (mention: Mention) => void;
}

export function MentionTextarea({ value, onChange, mentionable, users, onMention, ...rest }: Props) {
  const combobox = useCombobox();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [at, setAt] = useState<{ start: number; query: string; caret: number } | null>(null);
  // Leaving the box closes the suggestions a moment later (a click on one blurs the box first); coming
  // back or typing before that moment keeps them, or a quick "@Mee" after a click elsewhere lost them.
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepOpen = () => {
    if (closing.current !== null) clearTimeout(closing.current);
    closing.current = null;
  };
  useEffect(
    () => () => {
      if (closing.current !== null) clearTimeout(closing.current);
    },
    [],
  );

  const needle = at?.query.toLowerCase() ?? '';
  const matches =
    mentionable && at ? users.filter((u) => u.active && u.name.toLowerCase().includes(needle)).slice(0, 8) : [];
  const open = matches.length > 0;

  useEffect(() => {
    if (open) {
      combobox.openDropdown();
      combobox.selectFirstOption();
    } else combobox.closeDropdown();
  }, [open, combobox]);
  // The first match stays selected as the query narrows.
  useEffect(() => {
    if (needle !== undefined && open) combobox.selectFirstOption();
  }, [needle, open, combobox]);

  const track = (text: string, caret: number | null) => {
    keepOpen();
    const found = caret === null ? null : mentionQuery(text, caret);
    setAt(found && caret !== null ? { ...found, caret } : null);
  };

  const pick = (id: string) => {
    const user = users.find((u) => String(u.id) === id);
    if (!user || !at) return;
    const next = insertMention(value, at.start, at.caret, user.name);
    onChange(next.text);
    onMention({ userId: user.id, name: user.name });
    setAt(null);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} position="bottom-start" withinPortal={false}>
      <Combobox.Target withKeyboardNavigation={open}>
        <Textarea
          ref={ref}
          {...rest}
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            track(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onClick={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onFocus={keepOpen}
          onBlur={() => {
            keepOpen();
            closing.current = setTimeout(() => {
              closing.current = null;
              setAt(null);
            }, 150);
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!open}>
        <Combobox.Options>
          {matches.map((user) => (
            <Combobox.Option key={user.id} value={String(user.id)}>
              {user.name}
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
