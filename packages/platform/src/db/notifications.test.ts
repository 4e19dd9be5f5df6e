import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../testing/db-faults.ts';
import { createLogger } from '../util/log.ts';
import type { Database } from './database.ts';
import { openDatabase } from './open.ts';

// PGlite, or the PostgreSQL of `DATABASE_URL`: both keep the same promises.
const schema = process.env.DATABASE_URL ? `nt_${randomBytes(8).toString('hex')}` : undefined;
const lines: string[] = [];
let db: Database;

beforeAll(async () => {
  db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    schema,
    log: createLogger({ write: (line) => lines.push(line) }),
  });
});

afterAll(async () => {
  if (schema) await db.exec(`drop schema if exists "${schema}" cascade`);
  await db?.close();
});

describe(`notifications (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('survive a subscriber that throws: logged, and the others still hear every one', async () => {
    const channel = `nt_${randomBytes(6).toString('hex')}`;
    const heard: string[] = [];
    await db.listen(channel, () => {
      throw new Error('subscriber bug');
    });
    await db.listen(channel, (payload) => heard.push(payload));
    await db.notify(channel, 'one');
    await db.notify(channel, 'two');
    await until(() => heard.length === 2, 'both notifications');
    expect(heard).toEqual(['one', 'two']);
    expect(lines.filter((l) => l.includes('"event":"db.notification_handler_failed"'))).toHaveLength(2);
  });
});
