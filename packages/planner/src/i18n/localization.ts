import { configureLocalization } from '@lit/localize';
import { supportedLanguage } from '@planner/protocol';
import { sourceLocale, targetLocales } from '../generated/locale-codes.ts';

/**
 * The planner's language (issue 12). Strings are written in English in the source (`msg()`,
 * `str`), and lit-localize's runtime swaps in a translation when the host's locale asks for
 * one of `targetLocales` (see the README, "Adding a language"). This module, the runtime with
 * it, comes with the lazy chunk: the first paint carries only `msg`, which renders English
 * until the runtime is installed. Each language's strings are a chunk of their own, fetched
 * only when a host asks for it.
 */
const LOADERS = {
  de: () => import('../generated/locales/de.ts'),
  fr: () => import('../generated/locales/fr.ts'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

const { setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => LOADERS[locale as keyof typeof LOADERS](),
});

/**
 * Speaks the language of a BCP 47 locale (`de-CH` → German; an unsupported one → English).
 * Every `@localized()` element re-renders once the language's strings have arrived.
 */
export const setLanguage = (locale: string | undefined): Promise<void> =>
  setLocale(supportedLanguage(locale));
