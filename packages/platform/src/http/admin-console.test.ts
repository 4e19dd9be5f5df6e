import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_ADMIN_TOKEN, type TestPlatform } from '../testing/test-platform.ts';
import { ADMIN_CONSOLE_CSP } from './admin-console.ts';

let tp: TestPlatform;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'planner-admin-console-'));
  const dir = join(base, 'dist');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Back-ends</title>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  // Outside the served folder: must never be reachable.
  await writeFile(join(base, 'secret.txt'), 'do not serve');
  await symlink(join(base, 'secret.txt'), join(dir, 'link.txt'));
  tp = await startTestPlatform({ adminConsoleDir: dir });
});
afterAll(async () => {
  await tp.close();
  await rm(base, { recursive: true, force: true });
});

describe('the operator console at /admin/', () => {
  it('serves index.html for /admin/, never cached, with a strict CSP', async () => {
    const res = await fetch(`${tp.url}/admin/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(ADMIN_CONSOLE_CSP);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Back-ends</title>');
  });

  it('redirects /admin to /admin/, so relative asset URLs resolve', async () => {
    const res = await fetch(`${tp.url}/admin`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin/');
  });

  it('caches hashed assets for a year', async () => {
    const res = await fetch(`${tp.url}/admin/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('never serves anything outside its folder', async () => {
    for (const path of [
      '/admin/../secret.txt',
      '/admin/%2e%2e/secret.txt',
      '/admin/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/admin/..%5csecret.txt',
      '/admin/link.txt',
      '/admin/%00index.html',
      '/admin/%E0%A4%A',
      '/admin/nothing.js',
      '/admin/assets/',
    ]) {
      const res = await fetch(`${tp.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('do not serve');
    }
  });

  it('leaves the admin API alone: unknown API paths are JSON 404s, known ones still need the token', async () => {
    const unknown = await fetch(`${tp.url}/admin/api/nothing`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${tp.url}/admin/api/legal-entities`)).status).toBe(401);
    const ok = await fetch(`${tp.url}/admin/api/legal-entities`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(ok.status).toBe(200);
  });

  it('is absent when no folder is configured', async () => {
    const without = await startTestPlatform();
    try {
      expect((await fetch(`${without.url}/admin/`)).status).toBe(404);
    } finally {
      await without.close();
    }
  });
});
