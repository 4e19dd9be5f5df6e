import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticFiles } from './static-files.ts';

describe('staticFiles', () => {
  it('serves the folder, fills in the HTML, and never leaves the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'static-'));
    await writeFile(join(dir, 'index.html'), '<meta content="%X%">');
    await writeFile(join(dir, 'app.js'), 'ok');
    await writeFile(join(tmpdir(), 'outside.txt'), 'secret');
    const files = staticFiles(dir, {
      transformHtml: (h) => h.replace('%X%', 'filled'),
      headers: { 'X-Test': '1' },
    });

    const index = await files('/');
    expect(await index!.text()).toBe('<meta content="filled">');
    expect(index!.headers.get('x-test')).toBe('1');
    expect(index!.headers.get('cache-control')).toBe('no-cache');
    expect((await files('/app.js'))!.headers.get('content-type')).toContain('javascript');
    expect(await files('/../outside.txt')).toBeUndefined();
    expect(await files('/%2e%2e/outside.txt')).toBeUndefined();
    expect(await files('/%E0%A4%A')).toBeUndefined();
    expect(await files('/missing.js')).toBeUndefined();
  });
});
