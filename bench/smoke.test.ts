/**
 * Benchmarks are not tests: nothing here judges a timing. This only runs every bench module
 * with tiny counts, so none of them rots (a renamed route, a changed API), and checks that
 * each returns figures the report can print. The modules share one platform per database
 * (`sharePlatforms`): starting one was most of the time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machine } from './lib/machine.ts';
import { sharePlatforms } from './lib/platform.ts';
import { sectionMarkdown } from './lib/report.ts';
import { MODULES } from './modules/index.ts';

describe('every bench module runs (smoke: tiny counts, nothing written)', () => {
  let closePlatforms: () => Promise<void> = async () => {};
  beforeAll(() => {
    closePlatforms = sharePlatforms();
  });
  afterAll(() => closePlatforms());
  for (const mod of MODULES) {
    it(mod.name, { timeout: 300_000 }, async () => {
      const result = await mod.run({ smoke: true, log: () => {} });
      expect(result.rows.length + (result.tables?.length ?? 0)).toBeGreaterThan(0);
      for (const row of result.rows) expect(row.value.n, row.figure).toBeGreaterThan(0);
      const md = sectionMarkdown({
        name: mod.name,
        title: mod.title,
        command: `pnpm bench ${mod.name}`,
        machine: machine(),
        rows: result.rows,
        tables: result.tables ?? [],
        charts: result.charts ?? [],
        notes: result.notes ?? [],
      });
      expect(md).toContain(`## ${mod.title}`);
      for (const chart of result.charts ?? [])
        expect(chart.svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    });
  }
});
