import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { findMessages, type Message, readXliff } from '@planner/ui/i18n-messages';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * Every string the planner shows has its German and French translation (issue 12): each
 * `msg()` in the source must have a `<target>` in xliff/de.xlf and xliff/fr.xlf, and the
 * generated locale modules (what ships) must carry it. lit-localize itself only warns and
 * falls back to English, so a string added without its translations fails here instead.
 */
const root = new URL('../..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8')) as {
  targetLocales: string[];
};
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['generated', 'testing', 'dev'].includes(entry.name) ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
const messages: Message[] = sources(join(root, 'src')).flatMap((file) =>
  findMessages(readFileSync(file, 'utf8'), relative(root, file), parseSync, generateMsgId),
);

describe('translations', () => {
  it('finds the planner’s messages (the scan itself works)', () => {
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.map((m) => m.text)).toContain('Unsaved changes');
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
