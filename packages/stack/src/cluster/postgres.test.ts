import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort } from '../processes.ts';
import { findOrStartPostgres, installedPostgres, postgresAnswers, sql } from './postgres.ts';

const bin = installedPostgres();
if (!bin)
  console.warn(
    '\n[stack] temporary-PostgreSQL test SKIPPED: no PostgreSQL installed (/usr/lib/postgresql).\n',
  );

describe.runIf(bin)('a cluster without a running PostgreSQL', () => {
  it('starts the installed server in a temporary folder, and removes it on close', async () => {
    // Nothing listens on a port just found free: as on a machine whose PostgreSQL is not running.
    const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/test`;
    const server = await findOrStartPostgres(nowhere);
    try {
      expect(server.started).toBe(true);
      expect(server.url).not.toBe(nowhere);
      expect(await postgresAnswers(server.url)).toBe(true);
      await sql(server.url, 'create schema planner_probe');
    } finally {
      await server.close();
    }
    expect(await postgresAnswers(server.url)).toBe(false);
    expect(server.dir && existsSync(server.dir)).toBe(false);
  }, 90_000);
});
