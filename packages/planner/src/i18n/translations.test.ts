import { describeTranslations } from '@planner/ui/i18n-check';

/**
 * Every string the planner shows has its German and French translation (issue 12): each
 * `msg()` in the source must have a `<target>` in xliff/de.xlf and xliff/fr.xlf, and the
 * generated locale modules (what ships) must carry it. lit-localize itself only warns and
 * falls back to English, so a string added without its translations fails here instead.
 */
describeTranslations({
  root: new URL('../..', import.meta.url).pathname,
  skipFolders: ['generated', 'testing', 'dev'],
  knownText: 'Unsaved changes',
  shippedTemplates: async (locale) =>
    ((await import(`../generated/locales/${locale}.ts`)) as { templates: Record<string, unknown> }).templates,
});
