/**
 * The "every message is translated" check of the planner and the admin console, in one place
 * (their `src/i18n/translations.test.ts` only say where their sources are). Test-only, and
 * Node-only: it reads the package's sources and XLIFF files from disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { findMessages, type Message, readXliff } from './i18n-messages.ts';

export interface TranslationGaps {
  /** `file:offset: text` of each `msg()` without a `<target>` in `xliff/<locale>.xlf`. */
  missing: string[];
  /** The same for messages translated in the XLIFF but absent from the generated module. */
  stale: string[];
}

/** Every `msg()` under `<root>/src`, skipping the named folders (generated code, test fixtures). */
export function packageMessages(root: string, skipFolders: readonly string[]): Message[] {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return skipFolders.includes(entry.name) ? [] : sources(path);
      return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
    });
  return sources(join(root, 'src')).flatMap((file) =>
    findMessages(readFileSync(file, 'utf8'), relative(root, file), parseSync, generateMsgId),
  );
}

/** The target locales a package's `lit-localize.json` names. */
export function targetLocales(root: string): string[] {
  return (JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8')) as { targetLocales: string[] })
    .targetLocales;
}

/** What of `messages` the locale lacks, in the XLIFF and in the shipped templates. */
export function translationGaps(
  root: string,
  messages: readonly Message[],
  locale: string,
  shipped: Record<string, unknown>,
): TranslationGaps {
  const targets = readXliff(readFileSync(join(root, 'xliff', `${locale}.xlf`), 'utf8'));
  const line = (m: Message) => `${m.where}: ${m.text}`;
  return {
    missing: messages.filter((m) => !targets.get(m.id)).map(line),
    stale: messages.filter((m) => targets.get(m.id) && !(m.id in shipped)).map(line),
  };
}

/**
 * The whole check as a vitest suite: the scan finds `knownText` (so an empty scan cannot pass),
 * and every target locale has every message. `shippedTemplates` imports the caller's generated
 * module, whose path only the caller knows.
 */
export function describeTranslations(options: {
  root: string;
  skipFolders: readonly string[];
  knownText: string;
  shippedTemplates: (locale: string) => Promise<Record<string, unknown>>;
}): void {
  const messages = packageMessages(options.root, options.skipFolders);
  describe('translations', () => {
    it('finds the package’s messages (the scan itself works)', () => {
      expect(messages.length).toBeGreaterThan(10);
      expect(messages.map((m) => m.text)).toContain(options.knownText);
    });

    it.each(targetLocales(options.root))(
      'every msg() has a %s translation, in the XLIFF and in the shipped module',
      async (locale) => {
        const { missing, stale } = translationGaps(
          options.root,
          messages,
          locale,
          await options.shippedTemplates(locale),
        );
        expect(missing, `untranslated in xliff/${locale}.xlf (add a <target>)`).toEqual([]);
        expect(stale, `not in src/generated/locales/${locale}.ts (run pnpm i18n:build)`).toEqual([]);
      },
    );
  });
}
