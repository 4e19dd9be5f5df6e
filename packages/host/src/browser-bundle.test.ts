import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildBrowserBundle, integrity, readmeIntegrities } from '../scripts/browser-bundle.mjs';

describe('the single-file build (planner-host.js)', () => {
  it('has the SRI hash the README states (pnpm sri updates it)', async () => {
    const hash = integrity(await buildBrowserBundle());
    const stated = await readmeIntegrities();
    expect(stated.length).toBeGreaterThanOrEqual(2);
    for (const h of stated) expect(h).toBe(hash);
    // The copy-paste example carries the hash alone, exactly as a browser takes it.
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`integrity="${hash}"`);
  });

  it('exports the browser entries and defines no server-only code', async () => {
    const code = new TextDecoder().decode(await buildBrowserBundle());
    expect(code).toMatch(/export\{[^}]*\bembedPlanner\b/);
    expect(code).toMatch(/export\{[^}]*\bPlannerEmbedElement\b/);
    expect(code).not.toContain('createTokenClient');
  });
});
