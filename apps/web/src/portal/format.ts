import { currentLocale } from '../i18n';
import { formatDateTime } from '../i18n/format';

/** A date and time in the reader's language, in the browser's time zone. */
export function formatWhen(iso: string): string {
  return formatDateTime(iso, currentLocale(), undefined);
}
