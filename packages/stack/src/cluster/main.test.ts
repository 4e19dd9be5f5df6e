import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { portIsFree, type Spawned, spawnGroup } from '../processes.ts';
import { sql } from './postgres.ts';
import { clusterTestSetting, eventually } from './testing.ts';

const setting = await clusterTestSetting('main.test.ts');
const repo = new URL('../../../../', import.meta.url).pathname;

describe.runIf(setting.run)('[PostgreSQL + HAProxy] pnpm cluster', () => {
  let running: Spawned | undefined;
  let dataDir: string | undefined;
  const schema = `cluster_cmd_${randomUUID().replace(/-/g, '')}`;
  afterEach(async () => {
    running?.signalGroup('SIGKILL');
    await running?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await sql(setting.databaseUrl, `drop schema if exists "${schema}" cascade`);
  });

  it('prints the URLs, points the planner and the shop at the balancer, and ends with exit code 0 on Ctrl-C', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'planner-cluster-cmd-'));
    // The planner's page unbuilt (no build here): its server fills in the API URL all the same.
    const plannerDir = join(dataDir, 'planner-dist');
    await mkdir(plannerDir);
    await copyFile(join(repo, 'packages/planner/index.html'), join(plannerDir, 'index.html'));
    running = spawnGroup(
      'pnpm',
      [
        'cluster',
        '--',
        '--no-build',
        '--quiet',
        ...['--data-dir', dataDir, '--database-url', setting.databaseUrl, '--schema', schema],
        ...['--port', '0', '--planner-port', '0', '--shop-port', '0', '--planner-dir', plannerDir],
      ],
      { cwd: repo },
    );
    await running.waitFor(/Ctrl-C stops everything/, 120_000);
    const balancer = running.output().match(/Balancer \(HAProxy\): (http:\/\/127\.0\.0\.1:(\d+))/);
    const instances = [...running.output().matchAll(/platform-\d: http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(instances).toHaveLength(3);
    const health = await fetch(`${balancer![1]}/healthz`);
    expect(health.status).toBe(200);
    await throughTheBalancer(balancer![1]!, running.output(), join(dataDir, 'logs', 'haproxy.log'));

    running.signalGroup('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toContain('ERR_PNPM');
    for (const port of [Number(balancer![2]), ...instances]) expect(await portIsFree(port)).toBe(true);
  }, 180_000);
});

/**
 * Issue 10: the planner and the demo shop talk to the balancer, never to one instance. The
 * shop's token request, the planner site's embed lookup and the planner's own API call each
 * appear in HAProxy's log, answered 200 by one of the instances behind it.
 */
async function throughTheBalancer(balancer: string, output: string, haproxyLog: string) {
  const shop = output.match(/Planner demo shop: {2}(http:\/\/127\.0\.0\.1:\d+)\//)?.[1];
  const planner = output.match(/\(planner (http:\/\/127\.0\.0\.1:\d+),/)?.[1];
  expect(shop && planner, output).toBeTruthy();
  const served = async (request: string) => {
    const pattern = new RegExp(`platform_instances/platform-\\d \\S+ 200 .*"${request} HTTP/1\\.1"`);
    return (await readFile(haproxyLog, 'utf8')).split('\n').filter((line) => pattern.test(line)).length;
  };
  const servedMore = (request: string, before: number) =>
    eventually(`${request} in HAProxy's log`, async () =>
      (await served(request)) > before ? true : undefined,
    );

  // The shop's back-end asks the platform for a visitor's token.
  const tokensBefore = await served('POST /v1/tokens');
  const tokenResponse = await fetch(`${shop}/api/planner-token`, {
    method: 'POST',
    headers: { Origin: shop!, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const token = (await tokenResponse.json()) as { access_token: string; kind: string };
  expect(tokenResponse.status).toBe(200);
  expect(token.kind).toBe('legal_entity');
  await servedMore('POST /v1/tokens', tokensBefore);

  // The planner's page (the URL the shop frames) names the balancer as its API, and its
  // server asked the balancer which pages may frame it.
  const session = (await (await fetch(`${shop}/api/session`)).json()) as { plannerUrl: string };
  expect(session.plannerUrl.startsWith(`${planner}/`)).toBe(true);
  const legalEntityId = new URL(session.plannerUrl).searchParams.get('le');
  const page = await fetch(session.plannerUrl);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const apiUrl = html.match(/<meta name="planner-api" content="([^"]*)"/)?.[1];
  expect(apiUrl).toBe(balancer);
  expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${balancer}`);
  await servedMore(`GET /v1/embeds/${legalEntityId}`, 0);

  // And the planner's own call, as its page makes it: to that API URL, with the shop's token.
  const catalogBefore = await served('GET /v1/catalog');
  const catalog = await fetch(`${apiUrl}/v1/catalog`, {
    headers: { Authorization: `Bearer ${token.access_token}`, Origin: planner! },
  });
  await catalog.body?.cancel();
  expect(catalog.status).toBe(200);
  expect(catalog.headers.get('access-control-allow-origin')).toBe(planner);
  await servedMore('GET /v1/catalog', catalogBefore);
}
