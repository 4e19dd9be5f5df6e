// @vitest-environment node
import { describeTranslations } from '@planner/ui/i18n-check';
import { describe, expect, it } from 'vitest';
import { initialLanguage } from './localization.ts';

/**
 * Every string the console shows has its German and French translation (issue 12), as the
 * planner's own check (packages/planner/src/i18n/translations.test.ts): a `<target>` in
 * xliff/<lang>.xlf, and the id in the generated module that ships.
 */
describeTranslations({
  root: new URL('../..', import.meta.url).pathname,
  skipFolders: ['generated'],
  knownText: 'Operator token',
  shippedTemplates: async (locale) =>
    ((await import(`../generated/locales/${locale}.ts`)) as { templates: Record<string, unknown> }).templates,
});

describe('initialLanguage', () => {
  it('takes the saved choice, else the browser’s first supported language, else English', () => {
    expect(initialLanguage('fr', ['de-DE'])).toBe('fr');
    expect(initialLanguage(null, ['it-IT', 'de-AT', 'fr'])).toBe('de');
    expect(initialLanguage('xx', ['it'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});
