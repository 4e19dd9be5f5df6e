import { afterEach, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../accounts/api-keys.ts';
import { terminateBackends, until } from '../testing/db-faults.ts';
import {
  authed,
  onboardHost,
  requestToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';
import { announce } from '../tokens/revocation-events.ts';

const databaseUrl = process.env.DATABASE_URL;

/**
 * Issue 9, "a database blip kills every instance": the server drops every connection of two
 * instances under traffic. Both live on, serve again, and hear revocations again.
 */
describe('a platform whose PostgreSQL connections are terminated', () => {
  const running: TestPlatform[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  afterEach(async () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    for (const tp of running.splice(0)) await tp.close();
  });

  it.runIf(databaseUrl)(
    '[PostgreSQL only] lives on, answers again, and hears a revocation made after the reconnect',
    async () => {
      process.on('uncaughtException', onUncaught);
      process.on('unhandledRejection', onUncaught);
      const first = await startTestPlatform();
      running.push(first);
      // A second instance on the same schema, as a scaled-out deployment has.
      const second = await startTestPlatform({ schema: first.options.schema, master: first.options.master });
      running.unshift(second); // closed first: `first` drops the schema
      const host = await onboardHost(first);
      const key = { id: host.apiKey.id, secretKey: host.apiKey.secretKey };
      const me = (token: string) => fetch(`${first.url}/v1/me`, authed(token));
      const token = await tokenFor(first, key, { kind: 'legal_entity' });
      expect((await me(token)).status).toBe(200);

      // Traffic on both instances while the connections go: token requests write (replay
      // records) on `second`, `/v1/me` reads through the caches on `first`.
      const statuses: number[] = [];
      let stop = false;
      const status = async (call: () => Promise<Response>) => {
        try {
          return (await call()).status;
        } catch {
          return 0; // a refused connection: the server is gone
        }
      };
      const traffic = (async () => {
        const deadline = Date.now() + 30_000;
        for (let i = 0; i < 5_000 && !stop && Date.now() < deadline; i++) {
          statuses.push(
            await status(() => (i % 2 ? me(token) : requestToken(second, key, { kind: 'legal_entity' }))),
          );
        }
      })();
      await until(() => statuses.length >= 10, 'traffic to flow');

      const applicationName = `planner:${first.options.schema}`;
      // Pool and LISTEN connections of both instances.
      expect(await terminateBackends(databaseUrl!, applicationName)).toBeGreaterThanOrEqual(4);
      const restored = (tp: TestPlatform) => tp.logs.some((l) => l.includes('"event":"db.listen_restored"'));
      await until(() => restored(first) && restored(second), 'both instances to listen again');
      // Requests caught on a dying connection may fail; later ones succeed, on both instances.
      const afterReconnect = statuses.length;
      await until(
        () => statuses.length >= afterReconnect + 6 && statuses.slice(-6).every((s) => s === 200),
        'six successes in a row after the reconnect',
      );
      stop = true;
      await traffic;

      // The processes lived: nothing was thrown that nobody caught.
      expect(uncaught).toEqual([]);
      expect((await me(token)).status).toBe(200); // and cached again on `first`
      const fresh = await tokenFor(second, key, { kind: 'user', user_id: 'after-blip', scope: 'read write' });
      expect((await fetch(`${second.url}/v1/projects`, authed(fresh))).status).toBe(200);

      // A revocation made on the other instance after the reconnect reaches `first`. Its
      // clock stands still, so no TTL can be what refuses the token: only the notification.
      await revokeApiKey(second.platform.services.db, host.apiKey.id);
      await announce(second.platform.services.db, { kind: 'api_key', id: host.apiKey.id });
      let last = 0;
      await until(
        () => last === 401,
        'the revocation to reach the first instance',
        10_000,
        async () => {
          last = (await me(token)).status;
        },
      );

      // Logged as errors, without the connection string.
      expect(first.logs.some((l) => l.includes('"event":"db.listen_lost"'))).toBe(true);
      expect(first.logs.join('\n')).not.toContain(databaseUrl!);
    },
  );
});
