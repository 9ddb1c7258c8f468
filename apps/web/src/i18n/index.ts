// i18next set-up: English and Hindi bundled, the last used language remembered for the sign-in page.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import hi from './hi.json';

export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'sahayak.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'hi';
}

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'en';
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be blocked; fall back to the browser's language.
  }
  return window.navigator.language.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, hi: { translation: hi } },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

function applyDocumentLanguage(lng: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18n.t('app.name');
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Remembering the language is a convenience only.
  }
}

i18n.on('languageChanged', applyDocumentLanguage);
applyDocumentLanguage(i18n.language);

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

/** Changes the UI language at once; saving it for the user is the caller's job. */
export function setLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

export default i18n;
