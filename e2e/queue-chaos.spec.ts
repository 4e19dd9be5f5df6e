import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Frame, test } from '@playwright/test';
import { type ChaosRecord, runChaosWorkload } from './support/chaos-workload.ts';
import { startFaultProxy } from './support/fault-proxy.ts';
import { plannerFrame } from './support/planner-frame.ts';
import { PORTS, url } from './support/ports.ts';

const FULL = process.env.STRESS === 'full';
const PLATFORM = url(PORTS.platform);
const fixtures = url(PORTS.fixtures);
/** Calls per planner; two planners. The full run (`pnpm stress`) makes at least 5 000 in all. */
const OPS = FULL ? 2_600 : 150;
const CHAINS = 4;
const SEED = Number(process.env.CHAOS_SEED ?? 20261201);
/**
 * A clear error is one the planner words specifically (packages/planner/src/project/describe-error.ts):
 * an api-client code it has a sentence for, an HTTP status it names. Anything else would reach
 * the shopper as "something went wrong".
 */
const CLEAR_CODES = new Set([
  'NETWORK_ERROR',
  'DEADLINE_EXCEEDED',
  'REFRESH_TIMEOUT',
  'TOKEN_UNAVAILABLE',
  'TOKEN_REJECTED',
  'REFRESH_LIMITED',
  'LOGGED_OUT',
  'QUEUE_FULL',
  'CONFLICT',
]);
/** An HTTP status the planner names: not found, too large, forbidden, or the server's fault. */
const namedStatus = (status: number | undefined) =>
  status !== undefined && (status === 403 || status === 404 || status === 413 || status >= 500);
const isClear = (r: ChaosRecord) =>
  r.errorName === 'ApiClientError' &&
  Boolean(r.message) &&
  (CLEAR_CODES.has(r.code ?? '') || (r.code === 'HTTP_ERROR' && namedStatus(r.status)));

const baseOf = (name: string) => name.replace(/ (v1|u\d+)$/, '');

/**
 * Issue 15, "Chaos run for the queue": two real planners in Chromium make mixed reads and
 * writes through a fault proxy on 127.0.0.1 (401s, 5xx before and after the platform applied
 * a write, connection resets before and after, stalls past a call's deadline), their tokens
 * living 3 to 20 s and the host's token provider failing or hanging at random. Checked in the
 * platform's database afterwards: no write the planner reported saved is lost, none applied
 * twice, every failure an ApiClientError with a stable code, and the local draft intact.
 */
test('chaos: faults between planner and platform lose no saved write, apply none twice, and every failure is a clear error', async ({
  context,
  page,
  request,
}) => {
  test.setTimeout(FULL ? 3_600_000 : 240_000);
  const proxy = await startFaultProxy(PLATFORM, {
    seed: SEED,
    rates: {
      unauthorized: 0.02,
      unavailable: 0.04,
      unavailableAfter: 0.03,
      reset: 0.03,
      resetAfter: 0.03,
      stall: 0.02,
    },
    stallMs: [500, FULL ? 15_000 : 6_000],
  });
  try {
    // The planners' calls to the platform go through the proxy, over the real network: the
    // browser connects to it, and its resets and stalls are the browser's own network errors.
    await context.route(`${PLATFORM}/v1/**`, (route) =>
      route.continue({ url: route.request().url().replace(PLATFORM, proxy.url) }),
    );
    const users = [`chaos-a-${Date.now()}`, `chaos-b-${Date.now()}`];
    await page.goto(
      `${fixtures}/chaos-host.html?users=${users.join(',')}&seed=${SEED}&fail=0.15&hang=0.1&maxLifetime=20`,
    );
    const frames: Frame[] = [await plannerFrame(page, 0), await plannerFrame(page, 1)];

    // A local draft in the first planner, made through its UI before the chaos.
    const first = frames[0]!;
    await first.getByRole('button', { name: 'Add to room: Halden 3-Seat Sofa' }).click();
    const readDraft = () =>
      first.evaluate(() =>
        Object.fromEntries(
          Object.keys(localStorage)
            .filter((k) => k.includes(':'))
            .map((k) => [k, localStorage.getItem(k)]),
        ),
      );
    await expect
      .poll(async () => JSON.stringify(await readDraft()), { timeout: 20_000 })
      .toContain('sofa-3-seat');
    const draftBefore = await readDraft();

    const started = Date.now();
    const runs = await Promise.all(
      frames.map((frame, i) =>
        runChaosWorkload(frame, {
          ops: OPS,
          chains: CHAINS,
          prefix: `chaos${i}`,
          timeoutMs: FULL ? 20_000 : 8_000,
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const provider = await page.evaluate(
      () => (window as unknown as { provider: Record<string, number> }).provider,
    );

    await test.step('every failure is an ApiClientError with a stable code the planner words specifically', async () => {
      const unclear = runs.flat().filter((r) => !r.ok && !isClear(r));
      expect(unclear.slice(0, 10)).toEqual([]);
    });

    const findings: string[] = [];
    await test.step('checked in the database: no saved write lost, none applied twice', async () => {
      for (const [i, records] of runs.entries()) {
        const user = users[i]!;
        for (const r of records.filter((r) => r.stale))
          findings.push(`${user}: read ${r.name} v${r.version} after a later save`);
        const { access_token } = (await (
          await request.post(`${fixtures}/token?kind=user&user=${user}&scope=read`)
        ).json()) as { access_token: string };
        const auth = { headers: { Authorization: `Bearer ${access_token}` } };
        const list = (await (await request.get(`${PLATFORM}/v1/projects`, auth)).json()) as {
          projects: { id: string; name: string; version: number }[];
        };
        const bases = new Map<string, number>();
        for (const p of list.projects) bases.set(baseOf(p.name), (bases.get(baseOf(p.name)) ?? 0) + 1);
        for (const [base, n] of bases) if (n > 1) findings.push(`${user}: ${base} created ${n} times`);
        const byId = new Map(list.projects.map((p) => [p.id, p]));
        const writes = records.filter((r) => r.op === 'create' || r.op === 'update');
        const ids = new Set(writes.filter((w) => w.ok && w.id).map((w) => w.id!));
        for (const id of ids) {
          const mine = writes.filter((w) => w.id === id);
          const savedVersions = mine.filter((w) => w.ok).map((w) => w.version ?? 0);
          const final = byId.get(id);
          if (!final) {
            findings.push(`${user}: project ${id} reported saved, not in the database`);
            continue;
          }
          const maxSaved = Math.max(...savedVersions);
          if (final.version < maxSaved)
            findings.push(`${user}: ${final.name} v${final.version}, but v${maxSaved} was saved`);
          // Each update sent may have applied once at most: the version counts them.
          const sent = mine.filter((w) => w.op === 'update').length + 1;
          if (final.version > sent)
            findings.push(`${user}: ${final.name} at v${final.version} after ${sent} writes sent`);
          const last = mine.at(-1);
          if (last?.ok && (final.name !== last.name || final.version !== last.version)) {
            findings.push(
              `${user}: last write ${last.name} v${last.version} saved, database has ${final.name} v${final.version}`,
            );
          }
        }
      }
      expect(findings).toEqual([]);
    });

    await test.step('the local draft is intact', async () => {
      expect(await readDraft()).toEqual(draftBefore);
      await expect(first.getByRole('button', { name: /^Halden 3-Seat Sofa, / })).toBeVisible();
    });

    const all = runs.flat();
    const byOp = (op: ChaosRecord['op']) => {
      const of = all.filter((r) => r.op === op);
      return { calls: of.length, ok: of.filter((r) => r.ok).length };
    };
    const codes: Record<string, number> = {};
    for (const r of all.filter((r) => !r.ok)) codes[r.code ?? '?'] = (codes[r.code ?? '?'] ?? 0) + 1;
    const figures = {
      seed: SEED,
      planners: frames.length,
      calls: all.length,
      seconds: Math.round(seconds),
      ops: Object.fromEntries(
        (['create', 'update', 'get', 'list', 'catalog'] as const).map((op) => [op, byOp(op)]),
      ),
      failuresByCode: codes,
      proxy: proxy.counts,
      provider,
      findings,
    };
    console.log(`queue chaos: ${JSON.stringify(figures)}`);
    const out = process.env.PLANNER_STRESS_OUT;
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(
        join(out, 'queue-chaos.json'),
        `${JSON.stringify({ name: 'queue-chaos', mode: FULL ? 'full' : 'short', at: new Date().toISOString(), figures }, null, 2)}\n`,
      );
    }
    expect(all.length).toBeGreaterThanOrEqual(FULL ? 5_000 : 300);
    // The faults did happen, and the planners still got work done through them.
    expect(proxy.counts.resetAfter + proxy.counts.unavailableAfter).toBeGreaterThan(0);
    expect(byOp('update').ok).toBeGreaterThan(0);
    // Most calls ride it out: retries, held calls and refreshes turn the faults into waits.
    // (Before the refresh breaker forgave refreshes whose token worked, 97 % failed here
    // with REFRESH_LIMITED.)
    expect(all.filter((r) => r.ok).length / all.length).toBeGreaterThanOrEqual(0.8);
  } finally {
    await proxy.close();
  }
});
