import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures, STRESS_FULL } from '../../testing/stress.ts';
import type { OpenApiDoc } from './http-fuzz.ts';
import { type Forgery, forgeriesOf, type GenuineKind } from './token-forgeries.ts';
import { type FuzzWorld, startFuzzWorld } from './world.ts';

let world: FuzzWorld;
let routes: { method: string; path: string; admin: boolean }[];

beforeAll(async () => {
  world = await startFuzzWorld('pglite');
  const doc = (await (await fetch(`${world.tp.url}/openapi.json`)).json()) as OpenApiDoc;
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.security?.length)
      .map(([method, _]) => ({
        method: method.toUpperCase(),
        path: path
          .replace(
            '{id}',
            path.startsWith('/v1/projects')
              ? world.projectId
              : path.startsWith('/v1/messagebox')
                ? world.messageId
                : path.includes('backend-profiles/')
                  ? world.profileId
                  : world.legalEntityId,
          )
          .replace('{key}', world.consumer.consumerKey)
          .replace('{origin}', encodeURIComponent('http://127.0.0.1:5173')),
        admin: path.startsWith('/admin/'),
      })),
  );
});
afterAll(() => world?.close());

/** A request the route would take from a genuine caller: only the token differs. */
const send = (route: (typeof routes)[number], token: string) =>
  fetch(`${world.tp.url}${route.path}`, {
    method: route.method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}' }),
  });

/** RFC 6750 §3: status, challenge and body agree on the one error. */
async function judge(res: Response, expected: Forgery['expect']): Promise<string | undefined> {
  const status = expected === 'invalid_token' ? 401 : 400;
  const challenge = res.headers.get('www-authenticate') ?? '';
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (res.status !== status) return `status ${res.status}, expected ${status} (${JSON.stringify(body)})`;
  if (!new RegExp(`^Bearer realm="planner", error="${expected}"(, |$)`).test(challenge)) {
    return `challenge ${JSON.stringify(challenge)}`;
  }
  if (body.error !== expected) return `body error ${body.error}`;
  return undefined;
}

const KINDS: GenuineKind[] = ['legalEntity', 'user', 'backend', 'static', 'oauth'];

describe('forged tokens, derived from one genuine token of each kind', () => {
  it(
    'are each answered exactly per RFC 6750 on every protected route, never a 5xx',
    async () => {
      const failures: string[] = [];
      const perKind: Record<string, number> = {};
      let requests = 0;
      const me = routes.find((r) => r.path === '/v1/me')!;
      for (const kind of KINDS) {
        const forgeries = await forgeriesOf(world.tokens[kind], world.tp.platform.services);
        perKind[kind] = forgeries.length;
        expect(forgeries.length, kind).toBeGreaterThanOrEqual(20);
        for (const [i, forgery] of forgeries.entries()) {
          // Short: each forgery to /v1/me and three routes in turn (every route gets many); full: to all.
          // Always /v1/me too: the admin routes refuse every planner token anyway.
          const targets = STRESS_FULL
            ? routes
            : [me, ...[0, 1, 2].map((k) => routes[(i * 3 + k) % routes.length]!)];
          for (const route of targets) {
            requests++;
            // The admin API's operator token may be any non-space characters: only spaces or
            // nothing make its header malformed.
            const expected = route.admin
              ? /^\S+$/.test(forgery.token)
                ? 'invalid_token'
                : 'invalid_request'
              : forgery.expect;
            const wrong = await judge(await send(route, forgery.token), expected);
            if (wrong) failures.push(`${kind} / ${forgery.name} → ${route.method} ${route.path}: ${wrong}`);
          }
        }
      }
      recordFigures('token-forgeries', {
        routes: routes.length,
        forgeriesPerKind: perKind,
        requests,
        failures,
      });
      expect(failures).toEqual([]);
      expect(routes.length).toBeGreaterThanOrEqual(25);
      // A Bearer scheme with no credential after it is malformed, not missing.
      const bare = await send(routes[0]!, '');
      expect([bare.status, bare.headers.get('www-authenticate')]).toEqual([
        400,
        expect.stringMatching(/^Bearer realm="planner", error="invalid_request"/),
      ]);
    },
    STRESS_FULL ? 1_800_000 : 120_000,
  );

  it('a missing token is a bare challenge (no error code), another scheme too', async () => {
    for (const route of routes) {
      for (const headers of [{}, { Authorization: 'Basic Zm9vOmJhcg==' }] as Record<string, string>[]) {
        const res = await fetch(`${world.tp.url}${route.path}`, { method: route.method, headers });
        expect(res.status, `${route.method} ${route.path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="planner"');
        expect(((await res.json()) as { error: string }).error).toBe('invalid_token');
      }
    }
  });

  it('genuine tokens are never refused as invalid on the routes that serve them; a wrong kind is 403 insufficient_scope', async () => {
    const wrong: string[] = [];
    for (const kind of KINDS) {
      for (const route of routes.filter((r) => !r.admin && r.method === 'GET')) {
        const res = await send(route, world.tokens[kind]);
        const challenge = res.headers.get('www-authenticate') ?? '';
        if (res.status >= 500 || res.status === 401) wrong.push(`${kind} ${route.path}: ${res.status}`);
        if (
          res.status === 403 &&
          !/^Bearer realm="planner", error="insufficient_scope", .*scope="[\w ]+"$/.test(challenge)
        ) {
          wrong.push(`${kind} ${route.path}: 403 with ${challenge}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
