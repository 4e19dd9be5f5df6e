// @vitest-environment node
import { packageMessages, targetLocales, translationGaps } from '@planner/ui/i18n-check';
import { describe, expect, it } from 'vitest';
import { initialLanguage } from './localization.ts';

/**
 * Every string the console shows has its German and French translation (issue 12), as the
 * planner's own check (packages/planner/src/i18n/translations.test.ts): a `<target>` in
 * xliff/<lang>.xlf, and the id in the generated module that ships.
 */
const root = new URL('../..', import.meta.url).pathname;
const messages = packageMessages(root, ['generated']);

describe('translations', () => {
  it('finds the console’s messages (the scan itself works)', () => {
    expect(messages.map((m) => m.text)).toContain('Operator token');
  });

  it.each(targetLocales(root))(
    'every msg() has a %s translation, in the XLIFF and in the shipped module',
    async (locale) => {
      const shipped = (
        (await import(`../generated/locales/${locale}.ts`)) as { templates: Record<string, unknown> }
      ).templates;
      const { missing, stale } = translationGaps(root, messages, locale, shipped);
      expect(missing, `untranslated in xliff/${locale}.xlf (add a <target>)`).toEqual([]);
      expect(stale, `not in src/generated/locales/${locale}.ts (run pnpm i18n:build)`).toEqual([]);
    },
  );
});

describe('initialLanguage', () => {
  it('takes the saved choice, else the browser’s first supported language, else English', () => {
    expect(initialLanguage('fr', ['de-DE'])).toBe('fr');
    expect(initialLanguage(null, ['it-IT', 'de-AT', 'fr'])).toBe('de');
    expect(initialLanguage('xx', ['it'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});
