import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform.ts';

let tp: TestPlatform;
let dir: string;
const CODE = 'export const embedPlanner = () => {};\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'planner-host-sdk-'));
  await writeFile(join(dir, 'planner-host.js'), CODE);
  tp = await startTestPlatform({ hostSdk: { version: '1.2.3', file: join(dir, 'planner-host.js') } });
});
afterAll(async () => {
  await tp.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the host SDK at /sdk/host/v<version>/planner-host.js', () => {
  it('is a 404 while the file is missing, and served once it is there', async () => {
    const missing = await startTestPlatform({ hostSdk: { version: '9.0.0', file: join(dir, 'later.js') } });
    try {
      const before = await fetch(`${missing.url}/sdk/host/v9.0.0/planner-host.js`);
      expect(before.status).toBe(404);
      expect(await before.json()).toMatchObject({ error: 'not_found' });
      await writeFile(join(dir, 'later.js'), CODE);
      const after = await fetch(`${missing.url}/sdk/host/v9.0.0/planner-host.js`);
      expect(after.status).toBe(200);
      expect(await after.text()).toBe(CODE);
    } finally {
      await missing.close();
    }
  });

  it('serves the file to any origin, cached for a year', async () => {
    const res = await fetch(`${tp.url}/sdk/host/v1.2.3/planner-host.js`, {
      headers: { Origin: 'https://shop.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(CODE);
  });

  it('answers another version with a JSON 404', async () => {
    const res = await fetch(`${tp.url}/sdk/host/v1.2.4/planner-host.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});
