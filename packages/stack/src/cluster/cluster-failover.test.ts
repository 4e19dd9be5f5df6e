import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformInstance } from './instance.ts';
import { type LoadReport, steadyLoad } from './load.ts';
import { bearer, clusterTestSetting, eventually, startTestCluster, type TestCluster } from './testing.ts';

const setting = await clusterTestSetting('cluster-failover.test.ts');
const WORKERS = 4;

/**
 * Issue 10, "Prove it": instances stop and crash under load behind HAProxy, and the clients
 * notice nothing they should not: a restart fails no request, a crash loses no answered save.
 */
describe.runIf(setting.run)('[PostgreSQL + HAProxy] instances come and go under load', () => {
  let t: TestCluster;
  let token: string;
  beforeAll(async () => {
    t = await startTestCluster(setting.databaseUrl);
    token = await t.userToken(t.cluster.urls.balancer, 'under-load');
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  const state = async (instance: PlatformInstance) =>
    (await t.cluster.balancer.states())[instance.options.name];
  const backInRotation = (instance: PlatformInstance) =>
    eventually(
      `${instance.options.name} UP in the balancer`,
      async () => ((await state(instance)) === 'UP' ? true : undefined),
      20_000,
    );
  const loadUntil = async (load: ReturnType<typeof steadyLoad>, more: number) => {
    const target = load.count() + more;
    await eventually(
      `${more} more requests`,
      async () => (load.count() >= target ? true : undefined),
      30_000,
    );
  };

  /** Every save the load was answered 2xx for is there, read back through the balancer. */
  async function expectNoSaveLost(report: LoadReport) {
    expect(report.saved.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const save of report.saved) {
      const response = await fetch(`${t.cluster.urls.balancer}/v1/projects/${save.id}`, bearer(token));
      const body = (await response.json()) as { name?: string };
      if (response.status !== 200 || body.name !== save.name) missing.push(`${save.id} (${response.status})`);
    }
    expect(missing).toEqual([]);
  }

  it('a rolling restart of all three instances under steady load fails no request', async () => {
    // A restart without a drain cuts the requests in flight: the platform must stop taking
    // new ones (/readyz 503), let the balancer notice, and finish those it has (SIGTERM).
    expect(t.cluster.healthPath).toBe('/readyz');
    const ready = await fetch(`${t.cluster.instances[0]!.url}/readyz`);
    await ready.body?.cancel();
    expect(ready.status, 'the platform answers /readyz').toBe(200);
    const load = steadyLoad(t.cluster.urls.balancer, token, { workers: WORKERS });
    try {
      await loadUntil(load, 20);
      for (const instance of t.cluster.instances) {
        expect(await instance.stop()).toBe(0);
        await instance.start();
        await backInRotation(instance);
        await loadUntil(load, 20);
      }
    } finally {
      const report = await load.stop();
      expect(report.failures).toEqual([]);
      await expectNoSaveLost(report);
    }
  }, 180_000);

  it('SIGKILL of one instance under load: the balancer routes around it, and no save answered 2xx is lost', async () => {
    const victim = t.cluster.instances[1]!;
    const load = steadyLoad(t.cluster.urls.balancer, token, { workers: WORKERS });
    let report: LoadReport;
    let downAt = 0;
    try {
      await loadUntil(load, 20);
      await victim.kill();
      await eventually(`${victim.options.name} DOWN in the balancer`, async () =>
        (await state(victim))?.startsWith('DOWN') ? true : undefined,
      );
      downAt = Date.now();
      await loadUntil(load, 80);
    } finally {
      report = await load.stop();
    }
    // Only requests the killed process had already taken may fail (one per worker at most);
    // connections it refused were sent elsewhere, and once it is down nothing goes there.
    expect(report.failures.length).toBeLessThanOrEqual(WORKERS);
    expect(report.failures.filter((f) => f.at > downAt)).toEqual([]);
    await expectNoSaveLost(report);

    await victim.start();
    await backInRotation(victim);
  }, 120_000);
});
