import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { portIsFree, type Spawned, spawnGroup } from '../processes.ts';
import { sql } from './postgres.ts';
import { clusterTestSetting } from './testing.ts';

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

  it('prints the URLs, serves through the balancer, and ends with exit code 0 on Ctrl-C', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'planner-cluster-cmd-'));
    running = spawnGroup(
      'pnpm',
      [
        'cluster',
        '--',
        '--no-build',
        '--quiet',
        ...['--data-dir', dataDir, '--database-url', setting.databaseUrl, '--schema', schema],
        ...['--port', '0', '--planner-port', '0', '--shop-port', '0'],
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

    running.signalGroup('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toContain('ERR_PNPM');
    for (const port of [Number(balancer![2]), ...instances]) expect(await portIsFree(port)).toBe(true);
  }, 180_000);
});
