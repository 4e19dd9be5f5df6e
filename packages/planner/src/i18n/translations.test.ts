import { packageMessages, targetLocales, translationGaps } from '@planner/ui/i18n-check';
import { describe, expect, it } from 'vitest';

/**
 * Every string the planner shows has its German and French translation (issue 12): each
 * `msg()` in the source must have a `<target>` in xliff/de.xlf and xliff/fr.xlf, and the
 * generated locale modules (what ships) must carry it. lit-localize itself only warns and
 * falls back to English, so a string added without its translations fails here instead.
 */
const root = new URL('../..', import.meta.url).pathname;
const messages = packageMessages(root, ['generated', 'testing', 'dev']);

describe('translations', () => {
  it('finds the planner’s messages (the scan itself works)', () => {
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.map((m) => m.text)).toContain('Unsaved changes');
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
