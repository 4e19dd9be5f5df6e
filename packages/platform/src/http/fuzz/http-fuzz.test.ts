import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures, sized } from '../../testing/stress.ts';
import { type OpenApiDoc, runHttpFuzz } from './http-fuzz.ts';
import { type Backend, type FuzzWorld, startFuzzWorld } from './world.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = sized(8, 100);
const postgresUrl = process.env.DATABASE_URL;

function suite(backend: Backend, title: string, enabled: boolean) {
  describe.runIf(enabled)(title, () => {
    let world: FuzzWorld;
    beforeAll(async () => {
      world = await startFuzzWorld(backend, postgresUrl);
    });
    afterAll(() => world?.close());

    it(
      'answers every generated request to every route with no 5xx, a stable code on each refusal, and the database untouched by refusals',
      async () => {
        const doc = (await (await fetch(`${world.tp.url}/openapi.json`)).json()) as OpenApiDoc;
        const figures = await runHttpFuzz(world, doc, { runs: RUNS, seed: SEED });
        recordFigures(`http-fuzz-${backend}`, { ...figures, seed: SEED, runsPerOperation: RUNS });
        expect(figures.operations).toBeGreaterThanOrEqual(35);
        const kinds = new Map<string, (typeof figures.findings)[number]>();
        for (const f of figures.findings) kinds.set(`${f.operation} ${f.status} ${f.problem}`, f);
        expect([...kinds.values()], JSON.stringify([...kinds.values()], null, 1).slice(0, 20_000)).toEqual(
          [],
        );
      },
      sized(120_000, 3_600_000),
    );
  });
}

// PGlite in the platform project; PostgreSQL in the postgres-only one (see vitest.config.ts).
suite('pglite', 'HTTP fuzz on PGlite', !postgresUrl);
suite('postgres', '[PostgreSQL only] HTTP fuzz on PostgreSQL', Boolean(postgresUrl));
