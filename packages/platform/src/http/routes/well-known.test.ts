import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(() => tp.close());

describe('GET /.well-known/jwks.json', () => {
  it('may be read from any origin, so the planner can verify its tokens in the browser', async () => {
    const res = await fetch(`${tp.url}/.well-known/jwks.json`, {
      headers: { Origin: 'https://planner.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const { keys } = (await res.json()) as { keys: { kid?: string; d?: string }[] };
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => typeof k.kid === 'string' && k.d === undefined)).toBe(true);
  });

  it('still answers other routes only to the configured planner origins', async () => {
    const res = await fetch(`${tp.url}/v1/catalog`, { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
