import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmbedLookupError, type EmbedOriginSource } from './embed-origins.ts';
import { plannerCsp, plannerEmbedUrl, plannerSite } from './planner-site.ts';

const SHOP = '11111111-1111-4111-8111-111111111111';
const NOWHERE = '22222222-2222-4222-8222-222222222222';
const BROKEN = '33333333-3333-4333-8333-333333333333';
const API = 'http://127.0.0.1:4000';

const registered: Record<string, string[]> = {
  [SHOP]: ['https://shop.example', 'http://127.0.0.1:5173'],
  [NOWHERE]: [],
};
const asked: string[] = [];
const embeds: EmbedOriginSource = {
  async origins(id) {
    asked.push(id);
    if (id === BROKEN) throw new EmbedLookupError('down');
    return registered[id];
  },
};

let dir: string;
const lookupErrors: unknown[] = [];
let site: (request: Request) => Promise<Response>;
const get = (path: string, init?: RequestInit) => site(new Request(`http://planner.test${path}`, init));
const frameAncestors = (res: Response) =>
  /frame-ancestors ([^;]*)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'planner-site-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<meta name="planner-api" content="%PLANNER_API_URL%">planner');
  await writeFile(join(dir, 'other.html'), '<p>another document');
  await writeFile(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  site = plannerSite({ dir, apiUrl: API, embeds, onLookupError: (e) => lookupErrors.push(e) });
});

describe('plannerEmbedUrl', () => {
  it('names the legal entity in the query of the planner root', () => {
    expect(plannerEmbedUrl('http://127.0.0.1:5174', SHOP)).toBe(`http://127.0.0.1:5174/?le=${SHOP}`);
    expect(plannerEmbedUrl('https://planner.example/', SHOP)).toBe(`https://planner.example/?le=${SHOP}`);
  });
});

describe('plannerSite', () => {
  it("serves the planner page framed by exactly the legal entity's registered origins", async () => {
    const res = await get(`/?le=${SHOP}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'self'; img-src 'self' data: ${API}; connect-src 'self' ${API}; style-src 'self' 'unsafe-inline'; frame-ancestors https://shop.example http://127.0.0.1:5173`,
    );
    expect(await res.text()).toBe(`<meta name="planner-api" content="${API}">planner`);
  });

  it('carries the policy on every HTML document, whatever the path spells', async () => {
    for (const path of [`/index.html?le=${SHOP}`, `/other.html?le=${SHOP}`, `/index%2Ehtml?le=${SHOP}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(frameAncestors(res), path).toBe('https://shop.example http://127.0.0.1:5173');
    }
  });

  it("frames a legal entity's planner nowhere when it has registered no origin", async () => {
    const res = await get(`/?le=${NOWHERE}`);
    expect(res.status).toBe(200);
    expect(frameAncestors(res)).toBe("'none'");
  });

  it('is a 404, framed nowhere and without the planner, for a missing, repeated or unknown legal entity', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/other.html',
      '/?le=',
      `/?le=${SHOP}&le=${SHOP}`,
      `/?le=00000000-0000-4000-8000-000000000000`,
      '/?le=not-an-id',
      `/?LE=${SHOP}`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/plain');
      expect(frameAncestors(res), path).toBe("'none'");
      expect(await res.text(), path).not.toContain('planner-api');
    }
  });

  it('answers 503, framed nowhere, when the embed origins cannot be looked up', async () => {
    const res = await get(`/?le=${BROKEN}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(frameAncestors(res)).toBe("'none'");
    expect(await res.text()).not.toContain('planner-api');
    expect(lookupErrors.at(-1)).toBeInstanceOf(EmbedLookupError);
  });

  it('serves assets to anyone, without a legal entity and without asking for one', async () => {
    asked.length = 0;
    const res = await get('/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
    expect(asked).toEqual([]);
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/../outside.txt')).status).toBe(404);
  });

  it('answers HEAD like GET without a body, and refuses other methods', async () => {
    const head = await get(`/?le=${SHOP}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(frameAncestors(head)).toBe('https://shop.example http://127.0.0.1:5173');
    expect(await head.text()).toBe('');
    expect((await get(`/?le=${NOWHERE}x`, { method: 'HEAD' })).status).toBe(404);
    const post = await get(`/?le=${SHOP}`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('plannerCsp', () => {
  it('names only the API origin besides its own', () => {
    expect(plannerCsp('http://127.0.0.1:4000/some/path', ['https://a.example'])).toContain(
      "connect-src 'self' http://127.0.0.1:4000;",
    );
  });
});
