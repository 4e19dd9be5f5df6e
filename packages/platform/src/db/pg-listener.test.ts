import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { tcpProxy, terminateBackends, until } from '../testing/db-faults.ts';
import { createLogger } from '../util/log.ts';
import type { ListenState } from './database.ts';
import { backoffDelay, PgListener } from './pg-listener.ts';

const databaseUrl = process.env.DATABASE_URL;

describe('backoffDelay', () => {
  const options = { baseMs: 100, capMs: 10_000 };

  it('doubles from the base, with half of each wait random', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    expect(backoffDelay(3, options, () => 1)).toBe(800);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const attempt of [7, 8, 20, 1000]) {
      expect(backoffDelay(attempt, options, () => 1)).toBe(10_000);
      expect(backoffDelay(attempt, options, () => 0)).toBe(5_000);
    }
  });
});

describe('PgListener', () => {
  it.runIf(databaseUrl)(
    '[PostgreSQL only] reconnects after pg_terminate_backend, LISTENs again and says so',
    async () => {
      const url = databaseUrl!;
      const applicationName = `planner-listener-${randomBytes(6).toString('hex')}`;
      const channel = `test_${randomBytes(6).toString('hex')}`;
      const lines: string[] = [];
      const listener = new PgListener(
        { connectionString: url, application_name: applicationName },
        createLogger({ write: (line) => lines.push(line) }),
        { baseMs: 20, capMs: 200 },
      );
      const states: ListenState[] = [];
      const payloads: string[] = [];
      listener.watch((state) => states.push(state));
      await listener.listen(channel, (payload) => payloads.push(payload));
      const notifier = new pg.Client({ connectionString: url });
      await notifier.connect();
      try {
        await notifier.query('select pg_notify($1, $2)', [channel, 'before']);
        await until(() => payloads.includes('before'), 'the first notification');

        expect(await terminateBackends(url, applicationName)).toBe(1);
        await until(() => states.join() === 'lost,listening', 'the reconnect');
        await notifier.query('select pg_notify($1, $2)', [channel, 'after']);
        await until(() => payloads.includes('after'), 'a notification after the reconnect');

        // Logged, without the connection string.
        expect(lines.some((l) => l.includes('"event":"db.listen_lost"'))).toBe(true);
        expect(lines.join('\n')).not.toContain(url);
      } finally {
        await notifier.end();
        await listener.close();
      }
    },
  );

  it.runIf(databaseUrl)(
    '[PostgreSQL only] keeps retrying while the server is unreachable, then LISTENs again',
    async () => {
      const target = new URL(databaseUrl!);
      const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
      const viaProxy = new URL(databaseUrl!);
      viaProxy.port = String(proxy.port);
      const lines: string[] = [];
      const listener = new PgListener(
        { connectionString: viaProxy.toString() },
        createLogger({ write: (line) => lines.push(line) }),
        { baseMs: 10, capMs: 40 },
      );
      const states: ListenState[] = [];
      const payloads: string[] = [];
      listener.watch((state) => states.push(state));
      const channel = `test_${randomBytes(6).toString('hex')}`;
      await listener.listen(channel, (payload) => payloads.push(payload));
      try {
        await proxy.stop(); // the network goes: the connection drops, reconnects are refused
        await until(() => states.includes('lost'), 'the loss');
        await until(
          () => lines.filter((l) => l.includes('"event":"db.listen_retry_failed"')).length >= 3,
          'several failed retries',
        );
        expect(states).toEqual(['lost']);
        await proxy.start(); // and comes back
        await until(() => states.join() === 'lost,listening', 'the reconnect');
        const notifier = new pg.Client({ connectionString: databaseUrl! });
        await notifier.connect();
        await notifier.query('select pg_notify($1, $2)', [channel, 'back']);
        await notifier.end();
        await until(() => payloads.includes('back'), 'a notification after the reconnect');
      } finally {
        await listener.close();
        await proxy.stop();
      }
    },
  );

  it.runIf(databaseUrl)('[PostgreSQL only] stops retrying once closed', async () => {
    const target = new URL(databaseUrl!);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(databaseUrl!);
    viaProxy.port = String(proxy.port);
    const lines: string[] = [];
    const listener = new PgListener(
      { connectionString: viaProxy.toString() },
      createLogger({ write: (line) => lines.push(line) }),
      { baseMs: 10, capMs: 20 },
    );
    await listener.listen('c', () => {});
    await proxy.stop();
    await until(() => lines.some((l) => l.includes('"event":"db.listen_retry_failed"')), 'a failed retry');
    await listener.close();
    const count = lines.length;
    await proxy.start();
    // Many back-off periods later, nothing more happened.
    await new Promise((r) => setTimeout(r, 300));
    expect(lines.length).toBe(count);
    await proxy.stop();
  });
});
