import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import {
  admin,
  onboardBackend,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
} from '../testing/test-platform.ts';
import { REVOCATION_CHANNEL, type RevocationEvent, splitEpoch } from '../tokens/revocation-events.ts';
import { createLogger } from '../util/log.ts';

/**
 * The CLI and the admin API run the same operations modules: for each change both can make,
 * the same audit line (but for `by`) and the same announcement on the revocation channel.
 * The CLI runs in this process on the test platform's own store, so both sides' NOTIFYs
 * reach one listener, in order.
 */

let tp: TestPlatform;
let cliLog: string[];
let heard: string[];
let invalidated: RevocationEvent[];
let sentinels = 0;

beforeAll(async () => {
  tp = await startTestPlatform();
  const { services } = tp.platform;
  // What is announced, without the revocation epoch each announcement carries.
  await services.db.listen(REVOCATION_CHANNEL, (payload) => heard.push(splitEpoch(payload).body));
  const invalidate = services.invalidate;
  services.invalidate = (event) => {
    invalidated.push(event);
    invalidate(event);
  };
});
afterAll(() => tp.close());
beforeEach(() => {
  cliLog = [];
  heard = [];
  invalidated = [];
  tp.logs.length = 0;
});

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  let stdout = '';
  let stderr = '';
  const { db, master } = tp.platform.services;
  const code = await runCli([...args, '--json'], {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
    env: {},
    log: createLogger({ write: (line) => cliLog.push(line) }),
    open: async () => ({ db, master }),
  });
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await admin(tp, method, path, body);
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** The one line of `event`, with what differs by run (time, the objects' ids) put in words. */
function auditLine(lines: string[], event: string, ids: Record<string, string>) {
  const found = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === event);
  expect(found, `${event} in ${lines.join('\n')}`).toHaveLength(1);
  // The request's ids are the API's alone (the CLI serves no request).
  const { time: _, request_id: _r, trace_id: _t, span_id: _s, ...line } = found[0]!;
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, `<${name}>`]));
  return Object.fromEntries(
    Object.entries(line).map(([k, v]) => [k, typeof v === 'string' ? (names.get(v) ?? v) : v]),
  );
}

/**
 * Every announcement so far, in order: a sentinel sent last is heard last (one channel,
 * delivered in order), so once it is in, nothing sent before it is still on its way.
 */
async function announcements(ids: Record<string, string>): Promise<string[]> {
  const sentinel = `sentinel:${++sentinels}`;
  await tp.platform.services.db.notify(REVOCATION_CHANNEL, sentinel);
  const deadline = Date.now() + 5_000;
  while (!heard.includes(sentinel)) {
    if (Date.now() > deadline) throw new Error(`no sentinel after 5 s; heard ${heard.join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const names = Object.entries(ids);
  // On PostgreSQL the channel is the database's: test files running beside this one announce
  // their own objects on it too. What this change announced names one of its objects.
  return heard
    .filter((p) => p !== sentinel && names.some(([, id]) => p.includes(id)))
    .map((p) => names.reduce((s, [name, id]) => s.replaceAll(id, `<${name}>`), p));
}

/**
 * Runs one change from each side on its own fresh objects and returns what each logged
 * and announced, ids replaced by names, so the two can be compared whole.
 */
async function bothSides(
  event: string,
  setup: () => Promise<Record<string, string>>,
  viaCli: (ids: Record<string, string>) => Promise<Record<string, string>>,
  viaApi: (ids: Record<string, string>) => Promise<Record<string, string>>,
) {
  const side = async (run: typeof viaCli, lines: () => string[]) => {
    const ids = await setup();
    heard = [];
    invalidated = [];
    tp.logs.length = 0;
    cliLog = [];
    const all = { ...ids, ...(await run(ids)) };
    const names = new Map(Object.entries(all).map(([name, id]) => [id, `<${name}>`]));
    return {
      audit: auditLine(lines(), event, all),
      announced: await announcements(all),
      invalidated: invalidated.map((e) => ({ kind: e.kind, id: names.get(e.id) ?? e.id })),
    };
  };
  return {
    cli: await side(viaCli, () => cliLog),
    api: await side(viaApi, () => tp.logs),
  };
}

/** For a change that makes no new object to name. */
async function noIds(done: Promise<unknown>): Promise<Record<string, string>> {
  await done;
  return {};
}

const entity = async () => ({ le: (await onboardHost(tp, { name: 'Parity Shop' })).legalEntity.id });

describe('the CLI and the admin API make the same change the same way', () => {
  it('subscription set', async () => {
    const { cli: c, api: a } = await bothSides(
      'subscription.set',
      entity,
      ({ le }) => noIds(cli('subscription', 'set', le!, '--service', 'reporting')),
      ({ le }) => noIds(api('PUT', `/legal-entities/${le}/subscription`, { services: ['reporting'] })),
    );
    expect(c.audit).toEqual({
      level: 'info',
      event: 'subscription.set',
      legal_entity: '<le>',
      services: ['reporting'],
      by: 'cli',
    });
    expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
    expect(c.announced).toEqual(['subscription:<le>']);
    expect(a.announced).toEqual(c.announced);
    // A running instance drops its own cache at once; the CLI has none to drop.
    expect(a.invalidated).toEqual([{ kind: 'subscription', id: '<le>' }]);
    expect(c.invalidated).toEqual([]);
  });

  it('legal-entity set-oauth-lifetime', async () => {
    const { cli: c, api: a } = await bothSides(
      'legal_entity.oauth_token_lifetime_set',
      entity,
      ({ le }) => noIds(cli('legal-entity', 'set-oauth-lifetime', le!, '3600')),
      ({ le }) => noIds(api('PUT', `/legal-entities/${le}/oauth-token-lifetime`, { seconds: 3600 })),
    );
    expect(c.audit).toMatchObject({ legal_entity: '<le>', seconds: 3600, by: 'cli' });
    expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
    expect(c.announced).toEqual([]);
    expect(a.announced).toEqual([]);
  });

  it('origin add and remove', async () => {
    for (const [event, viaCli, viaApi] of [
      [
        'legal_entity.origin_added',
        (le: string) => cli('origin', 'add', le, 'https://parity.example'),
        (le: string) => api('POST', `/legal-entities/${le}/origins`, { origin: 'https://parity.example' }),
      ],
      [
        'legal_entity.origin_removed',
        async (le: string) => {
          await cli('origin', 'add', le, 'https://parity.example');
          return cli('origin', 'remove', le, 'https://parity.example');
        },
        async (le: string) => {
          await cli('origin', 'add', le, 'https://parity.example');
          return api(
            'DELETE',
            `/legal-entities/${le}/origins/${encodeURIComponent('https://parity.example')}`,
          );
        },
      ],
    ] as const) {
      const { cli: c, api: a } = await bothSides(
        event,
        entity,
        ({ le }) => noIds(viaCli(le!)),
        ({ le }) => noIds(viaApi(le!)),
      );
      expect(c.audit).toMatchObject({ legal_entity: '<le>', origin: 'https://parity.example', by: 'cli' });
      expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
      // Every instance's planner-framing cache hears of it, whichever side made it.
      expect(c.announced.at(-1)).toBe('embed_origins:<le>');
      expect(a.announced).toEqual(c.announced);
    }
  });

  it('consumer create', async () => {
    const { cli: c, api: a } = await bothSides(
      'oauth_consumer.created',
      entity,
      async ({ le }) => ({
        key: (await cli('consumer', 'create', le!, '--user', 'u-1', '--scope', 'read write'))
          .consumerKey as string,
      }),
      async ({ le }) => ({
        key: (
          await api('POST', `/legal-entities/${le}/oauth-consumers`, { user_id: 'u-1', scope: 'read write' })
        ).consumer_key as string,
      }),
    );
    expect(c.audit).toEqual({
      level: 'info',
      event: 'oauth_consumer.created',
      consumer_key: '<key>',
      legal_entity: '<le>',
      user: 'u-1',
      scope: 'read write',
      by: 'cli',
    });
    expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
    expect(a.announced).toEqual(c.announced);
  });

  it('consumer revoke', async () => {
    const withConsumer = async () => {
      const { le } = await entity();
      const key = (await api('POST', `/legal-entities/${le}/oauth-consumers`, { user_id: 'u-2' }))
        .consumer_key as string;
      return { le, key };
    };
    const { cli: c, api: a } = await bothSides(
      'oauth_consumer.revoked',
      withConsumer,
      ({ key }) => noIds(cli('consumer', 'revoke', key!)),
      ({ key }) => noIds(api('DELETE', `/oauth-consumers/${key}`)),
    );
    expect(c.audit).toEqual({
      level: 'info',
      event: 'oauth_consumer.revoked',
      consumer_key: '<key>',
      legal_entity: '<le>',
      by: 'cli',
    });
    expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
    expect(c.announced).toEqual(['oauth_consumer:<key>']);
    expect(a.announced).toEqual(c.announced);
    expect(a.invalidated).toEqual([{ kind: 'oauth_consumer', id: '<key>' }]);
  });

  it('catalog import', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-parity-'));
    try {
      const items = [
        {
          sku: 'p-1',
          name: 'Parity',
          category: 'Seating',
          width_cm: 50,
          depth_cm: 50,
          height_cm: 50,
          price_cents: 100,
          currency: 'EUR',
        },
      ];
      const file = join(dir, 'catalog.json');
      await writeFile(file, JSON.stringify({ items }));
      const { cli: c, api: a } = await bothSides(
        'catalog.imported',
        entity,
        ({ le }) => noIds(cli('catalog', 'import', le!, file)),
        ({ le }) => noIds(api('POST', `/legal-entities/${le}/catalog/imports`, { items })),
      );
      expect(c.audit).toEqual({
        level: 'info',
        event: 'catalog.imported',
        legal_entity: '<le>',
        version: 1,
        items: 1,
        added: 1,
        updated: 0,
        retired: 0,
        by: 'cli',
      });
      expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
      expect(c.announced).toEqual([]);
      expect(a.announced).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('backend-profile disable', async () => {
    const withProfile = async () => {
      const { legalEntity, profile } = await onboardBackend(tp);
      return { le: legalEntity.id, profile: profile.id };
    };
    const { cli: c, api: a } = await bothSides(
      'backend_profile.disabled',
      withProfile,
      ({ profile }) => noIds(cli('backend-profile', 'disable', profile!)),
      ({ profile }) => noIds(api('POST', `/backend-profiles/${profile}/disable`)),
    );
    expect(c.audit).toMatchObject({ profile: '<profile>', legal_entity: '<le>', by: 'cli' });
    expect(a.audit).toEqual({ ...c.audit, by: 'admin_api' });
    expect(c.announced).toEqual(['backend_profile:<profile>']);
    expect(a.announced).toEqual(c.announced);
    expect(a.invalidated).toEqual([{ kind: 'backend_profile', id: '<profile>' }]);
  });
});

// Changes only the CLI makes today: they go through the same modules, so they log and announce.
describe('the CLI audits every change it makes', () => {
  it('catalog import from CSV: a refused file lists every problem by line and changes nothing', async () => {
    const { le } = await entity();
    const dir = await mkdtemp(join(tmpdir(), 'catalog-cli-'));
    try {
      const file = join(dir, 'catalog.csv');
      const header = 'sku,name,category,width_cm,depth_cm,height_cm,price_cents,currency';
      await writeFile(
        file,
        `${header}\nok,Ok,Seating,10,10,10,100,EUR\nbad,Bad,Seating,0,10,10,100,EUR\nok,Again,Seating,10,10,10,100,EUR\nneg,Neg,Seating,10,10,10,-1,EUR\n`,
      );
      let stderr = '';
      const { db, master } = tp.platform.services;
      const run = (...args: string[]) =>
        runCli(args, {
          out: () => {},
          err: (s) => (stderr += s),
          env: {},
          log: createLogger({ write: (line) => cliLog.push(line) }),
          open: async () => ({ db, master }),
        });
      expect(await run('catalog', 'import', le, file)).toBe(1);
      expect(stderr).toContain('3 problems');
      expect(stderr).toContain('row 3, width_cm');
      expect(stderr).toContain('row 5, price_cents');
      expect(stderr).toContain('row 4, sku: SKU ok is already used on row 2');
      expect(cliLog.filter((l) => l.includes('catalog.imported'))).toEqual([]);
      expect((await cli('catalog', 'show', le)).version).toBe(0);
      await writeFile(file, `${header}\nok,Ok,Seating,10,10,10,100,EUR\n`);
      expect(await cli('catalog', 'import', le, file)).toMatchObject({ version: 1, items: 1 });
      expect(await run('catalog', 'import', le, join(dir, 'none.csv'))).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('api-key revoke writes an audit line and announces the revocation once', async () => {
    const { legalEntity, apiKey } = await onboardHost(tp);
    await cli('api-key', 'revoke', apiKey.id);
    const ids = { le: legalEntity.id, key: apiKey.id };
    expect(auditLine(cliLog, 'api_key.revoked', ids)).toEqual({
      level: 'info',
      event: 'api_key.revoked',
      api_key: '<key>',
      legal_entity: '<le>',
      by: 'cli',
    });
    expect(await announcements(ids)).toEqual(['api_key:<key>']);
  });

  it('api-key create, legal-entity create and set-lifetime, origin add and remove', async () => {
    const le = (await cli('legal-entity', 'create', '--name', 'Audited', '--origin', 'https://a.example'))
      .id as string;
    const key = (await cli('api-key', 'create', le)).id as string;
    await cli('legal-entity', 'set-lifetime', le, '600');
    await cli('origin', 'add', le, 'https://b.example');
    await cli('origin', 'remove', le, 'https://a.example');
    const ids = { le, key };
    expect(auditLine(cliLog, 'legal_entity.created', ids)).toMatchObject({
      legal_entity: '<le>',
      origins: ['https://a.example'],
      by: 'cli',
    });
    const created = auditLine(cliLog, 'api_key.created', ids);
    expect(created).toEqual({
      level: 'info',
      event: 'api_key.created',
      api_key: '<key>',
      legal_entity: '<le>',
      by: 'cli',
    });
    expect(auditLine(cliLog, 'legal_entity.token_lifetime_set', ids)).toMatchObject({ seconds: 600 });
    expect(auditLine(cliLog, 'legal_entity.origin_added', ids)).toMatchObject({
      origin: 'https://b.example',
    });
    expect(auditLine(cliLog, 'legal_entity.origin_removed', ids)).toMatchObject({
      origin: 'https://a.example',
    });
    // No secret in any line.
    expect(cliLog.join('\n')).not.toMatch(/sk_/);
  });
});

describe('planner-admin after pnpm’s `--`', () => {
  it('takes `-- <command> --flag` as `<command> --flag`', async () => {
    const plain = await cli('legal-entity', 'create', '--name', 'Plain');
    const dashed = await cli('--', 'legal-entity', 'create', '--name', 'Dashed');
    expect(plain.name).toBe('Plain');
    expect(dashed.name).toBe('Dashed');
  });
});
