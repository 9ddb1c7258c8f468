// Listens for the inbox's single-key shortcuts on the whole page, except while typing or in a dialog.
import { useEffect, useRef } from 'react';
import { isEditable, type ShortcutAction, shortcutFor } from '../shortcuts';

export function useShortcuts(onAction: (action: ShortcutAction, event: KeyboardEvent) => void, enabled = true): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target as Element | null;
      // A dialog or menu owns its keys; so does any focused control that reads Enter itself.
      if (target?.closest?.('[role="dialog"], [role="menu"], [role="listbox"]')) return;
      if (event.key === 'Enter' && target?.closest?.('button, a, [role="button"], [role="tab"]')) return;
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        editing: isEditable(event.target),
      });
      if (action) handler.current(action, event);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled]);
}
