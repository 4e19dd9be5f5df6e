import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.ts';

/** The console's languages, by their own names, for the picker. */
export const LANGUAGES = { en: 'English', de: 'Deutsch', fr: 'Français' } as const;
export type Language = keyof typeof LANGUAGES;

const LOADERS = {
  de: () => import('../generated/locales/de.ts'),
  fr: () => import('../generated/locales/fr.ts'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => LOADERS[locale as keyof typeof LOADERS](),
});

export { getLocale };

const KEY = 'admin-language';

/**
 * The operator's language (issue 12): the one picked in the header before (kept in
 * `localStorage`), else the browser's first supported one, else English.
 */
export function initialLanguage(saved: string | null, browser: readonly string[]): Language {
  if (saved && Object.hasOwn(LANGUAGES, saved)) return saved as Language;
  for (const tag of browser) {
    const lang = tag.split('-')[0]!.toLowerCase();
    if (Object.hasOwn(LANGUAGES, lang)) return lang as Language;
  }
  return 'en';
}

export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Speaks `lang` (loading its strings) and remembers the choice. */
export function useLanguage(lang: Language, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(KEY, lang);
    } catch {}
  }
  document.documentElement.lang = lang;
  return setLocale(lang);
}
