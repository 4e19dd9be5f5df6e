import { randomUUID } from 'node:crypto';
import { fetchLoad } from '../lib/fetch-load.ts';
import type { BenchModule } from '../lib/module.ts';
import { type BenchPlatform, startPlatform } from '../lib/platform.ts';
import type { Row } from '../lib/report.ts';
import { interleave, summarise } from '../lib/stats.ts';
import { barChart } from '../lib/svg.ts';

/** A project of `pieces` placed items, as the planner saves one. */
export function projectBody(pieces: number): string {
  return JSON.stringify({
    name: 'Bench kitchen',
    room: { width_cm: 600, depth_cm: 400, unit: 'cm' },
    items: Array.from({ length: pieces }, (_, i) => ({
      id: `item-${i}`,
      catalog_id: 'cabinet-60',
      x: (i * 37) % 600,
      y: (i * 53) % 400,
      rotation: (i * 90) % 360,
    })),
  });
}

/** Creates `amount` projects and then updates each once (If-Match, Idempotency-Key). */
export async function saveRound(
  p: BenchPlatform,
  token: string,
  amount: number,
  inFlight: number,
  pieces: number,
) {
  const body = projectBody(pieces);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const create = await fetchLoad(amount, inFlight, async () => {
    const res = await fetch(`${p.url}/v1/projects`, {
      method: 'POST',
      headers: { ...headers, 'Idempotency-Key': randomUUID() },
      body,
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    return { id, etag: res.headers.get('ETag')! };
  });
  const update = await fetchLoad(amount, inFlight, async (i) => {
    const { id, etag } = create.results[i]!;
    const res = await fetch(`${p.url}/v1/projects/${id}`, {
      method: 'PUT',
      headers: { ...headers, 'If-Match': etag, 'Idempotency-Key': randomUUID() },
      body,
    });
    if (res.status !== 200) throw new Error(`update: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  });
  return { create, update };
}

export const save: BenchModule = {
  name: 'save',
  title: 'Project save (create, then update with If-Match and Idempotency-Key): PGlite vs PostgreSQL',
  async run({ smoke }) {
    const rounds = smoke ? 1 : 3;
    const amount = smoke ? 5 : 200;
    const inFlight = smoke ? 2 : 20;
    const pieces = 50;
    const pglite = await startPlatform({ db: 'pglite' });
    const postgres = await startPlatform({ db: 'postgres' });
    try {
      const tokens = {
        pglite: (await pglite.tokens(1, 'user'))[0]!,
        postgres: (await postgres.tokens(1, 'user'))[0]!,
      };
      const p99 = {
        pglite: { create: [] as number[], update: [] as number[] },
        postgres: { create: [] as number[], update: [] as number[] },
      };
      const updates = { pglite: [] as number[], postgres: [] as number[] };
      const side = (name: 'pglite' | 'postgres', p: BenchPlatform) => async () => {
        const { create, update } = await saveRound(p, tokens[name], amount, inFlight, pieces);
        p99[name].create.push(create.p99);
        p99[name].update.push(update.p99);
        updates[name].push(update.rps);
        return create.rps;
      };
      const { samples, ratio } = await interleave(rounds, {
        pglite: side('pglite', pglite),
        postgres: side('postgres', postgres),
      });
      const upd = updates.pglite.map((v, i) => v / updates.postgres[i]!);
      const rows: Row[] = [
        {
          figure: `create (POST /v1/projects, ${pieces} pieces) on PGlite`,
          unit: 'saves/s',
          value: summarise(samples.pglite),
          baseline: 'the same on PostgreSQL',
          base: summarise(samples.postgres),
          ratio: summarise(ratio('pglite', 'postgres')),
        },
        {
          figure: 'update (PUT, If-Match) on PGlite',
          unit: 'saves/s',
          value: summarise(updates.pglite),
          baseline: 'the same on PostgreSQL',
          base: summarise(updates.postgres),
          ratio: summarise(upd),
        },
        ...(['create', 'update'] as const).map((k) => ({
          figure: `p99 ${k} on PGlite`,
          unit: 'ms',
          value: summarise(p99.pglite[k]),
          baseline: 'p99 on PostgreSQL',
          base: summarise(p99.postgres[k]),
          ratio: summarise(p99.pglite[k].map((v, i) => v / p99.postgres[k][i]!)),
          goal: 'lower is better',
        })),
      ];
      return {
        rows,
        notes: [
          `${amount} creates then ${amount} updates a round, ${inFlight} in flight, one user; ${rounds} rounds alternating PGlite and PostgreSQL (the tables grow by ${amount} projects a round).`,
        ],
        charts: [
          {
            file: 'save.svg',
            title: 'Project saves per second',
            svg: barChart('Saves/s (median, min–max)', '/s', [
              {
                label: 'create, PGlite',
                value: rows[0]!.value.median,
                min: rows[0]!.value.min,
                max: rows[0]!.value.max,
                accent: true,
              },
              {
                label: 'create, PostgreSQL',
                value: rows[0]!.base.median,
                min: rows[0]!.base.min,
                max: rows[0]!.base.max,
              },
              {
                label: 'update, PGlite',
                value: rows[1]!.value.median,
                min: rows[1]!.value.min,
                max: rows[1]!.value.max,
                accent: true,
              },
              {
                label: 'update, PostgreSQL',
                value: rows[1]!.base.median,
                min: rows[1]!.base.min,
                max: rows[1]!.base.max,
              },
            ]),
          },
        ],
      };
    } finally {
      await Promise.all([pglite.close(), postgres.close()]);
    }
  },
};
