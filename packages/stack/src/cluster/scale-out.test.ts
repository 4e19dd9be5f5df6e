import { describe, expect, it } from 'vitest';
import { measureScaleOut, scaleOutTable } from './scale-out.ts';
import { clusterTestSetting } from './testing.ts';

const setting = await clusterTestSetting('scale-out.test.ts');

// bench/scale-out.ts with tiny counts, so that the measurement behind docs/scale-out.md keeps
// running: real instances, HAProxy, PostgreSQL and autocannon, one second per step.
describe.runIf(setting.run)('[PostgreSQL + HAProxy] scale-out measurement', () => {
  it('measures 1 and 2 instances end to end and reports every figure', async () => {
    const results = await measureScaleOut({
      databaseUrl: setting.databaseUrl,
      steps: [1, 2],
      seconds: 1,
      connections: 10,
    });
    expect(results.map((r) => r.instances)).toEqual([1, 2]);
    for (const r of results) {
      expect(r.requests).toBeGreaterThan(0);
      // Every request of the mix (catalog reads, token issuance) succeeds: a replayed
      // assertion or a rate limit would show here as non-2xx.
      expect(r.non2xx).toBe(0);
      expect(r.errors).toBe(0);
      // And HAProxy never took a busy instance for a dead one (its probe waits behind the load).
      expect(r.balancerEvents.filter((line) => / is DOWN/.test(line))).toEqual([]);
      expect(r.rps).toBeGreaterThan(0);
      expect(r.p99).toBeGreaterThanOrEqual(r.p50);
      expect(r.rssMiB).toHaveLength(r.instances);
      for (const rss of r.rssMiB) expect(rss).toBeGreaterThan(10);
      expect(r.cpu.instances).toHaveLength(r.instances);
      expect(r.cpu.instances.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(r.cpu.postgresBackends).toBeGreaterThan(0);
    }
    const table = scaleOutTable(results);
    expect(table).toContain('| 1 | ');
    expect(table).toContain('1.00×');
  }, 120_000);
});
