import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, portIsFree, type Spawned, spawnGroup } from './processes.ts';

const repo = new URL('../../../', import.meta.url).pathname;

/**
 * `pnpm start` as a user runs it from the repository's root: through pnpm, in a process group
 * of its own (a terminal's), so Ctrl-C is a SIGINT to pnpm and to the stack at once.
 */
describe('pnpm start', () => {
  let running: Spawned | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    running?.signalGroup('SIGKILL');
    await running?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    running = dataDir = undefined;
  });

  it('prints its URL and ends with exit code 0 on Ctrl-C, releasing its ports', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'planner-stack-start-'));
    const ports = { platform: await freePort(), planner: await freePort(), shop: await freePort() };
    // `--no-build`: the process's life is under test, not Vite (the servers answer 404s without dist/).
    running = spawnGroup(
      'pnpm',
      [
        'start',
        '--',
        '--no-build',
        '--quiet',
        '--data-dir',
        dataDir,
        '--platform-port',
        String(ports.platform),
        '--planner-port',
        String(ports.planner),
        '--shop-port',
        String(ports.shop),
      ],
      { cwd: repo },
    );
    await running.waitFor(/Ctrl-C stops everything/, 90_000);
    expect(running.output()).toContain(`Planner demo shop:  http://127.0.0.1:${ports.shop}/`);
    const health = await fetch(`http://127.0.0.1:${ports.platform}/healthz`);
    expect(health.status).toBe(200);

    running.signalGroup('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toContain('ERR_PNPM');
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  }, 120_000);

  it('--help prints the flags and exits 0', async () => {
    running = spawnGroup('pnpm', ['start', '--help'], { cwd: repo });
    expect(await running.exited).toBe(0);
    expect(running.output()).toMatch(/--data-dir DIR.*--platform-port N.*--no-build/);
  }, 60_000);
});
