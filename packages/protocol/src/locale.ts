import type { SupportedLanguage } from './messages.ts';

/**
 * The language the planner speaks for a locale: its own when supported (`de-AT` → `de`),
 * else English. Numbers and dates still follow the whole tag. (Its own module: the planner
 * needs it only in its lazy chunk, with the theme.)
 */
export const supportedLanguage = (locale: string | undefined): SupportedLanguage => {
  const lang = locale?.split('-')[0]?.toLowerCase();
  return lang === 'de' || lang === 'fr' ? lang : 'en';
};
