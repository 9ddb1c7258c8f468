import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '../api';

const SYSTEM_KEYS = ['my_open', 'unassigned', 'all_unsolved', 'recently_solved'];

/** Built-in views are named in the UI language; the rest as their owner named them. */
export function useViewName(): (view: View) => string {
  const { t } = useTranslation();
  return useCallback(
    (view: View) =>
      view.systemKey && SYSTEM_KEYS.includes(view.systemKey) ? t(`tickets.views.system.${view.systemKey}`) : view.name,
    [t],
  );
}
