// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { findMessages, type Message, readXliff } from '@planner/ui/i18n-messages';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { initialLanguage } from './localization.ts';

/**
 * Every string the console shows has its German and French translation (issue 12), as the
 * planner's own check (packages/planner/src/i18n/translations.test.ts): a `<target>` in
 * xliff/<lang>.xlf, and the id in the generated module that ships.
 */
const root = new URL('../..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8')) as {
  targetLocales: string[];
};
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
const messages: Message[] = sources(join(root, 'src')).flatMap((file) =>
  findMessages(readFileSync(file, 'utf8'), relative(root, file), parseSync, generateMsgId),
);

describe('translations', () => {
  it('finds the console’s messages (the scan itself works)', () => {
    expect(messages.map((m) => m.text)).toContain('Operator token');
  });

  it.each(config.targetLocales)(
    'every msg() has a %s translation, in the XLIFF and in the shipped module',
    async (locale) => {
      const targets = readXliff(readFileSync(join(root, 'xliff', `${locale}.xlf`), 'utf8'));
      const shipped = (
        (await import(`../generated/locales/${locale}.ts`)) as { templates: Record<string, unknown> }
      ).templates;
      const missing = messages.filter((m) => !targets.get(m.id)).map((m) => `${m.where}: ${m.text}`);
      const stale = messages
        .filter((m) => targets.get(m.id) && !(m.id in shipped))
        .map((m) => `${m.where}: ${m.text}`);
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
