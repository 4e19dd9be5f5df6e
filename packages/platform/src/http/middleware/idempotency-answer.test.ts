import { request, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openPglite } from '../../db/pglite.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../../tokens/principal.ts';
import type { AppEnv } from '../env.ts';
import { idempotency } from './idempotency.ts';

/** How node's server was handed each answer's body: whole in `end(body)`, or chunk by chunk. */
const writes: string[][] = [];
class RecordingResponse extends ServerResponse {
  #calls: string[] = [];
  constructor(req: ConstructorParameters<typeof ServerResponse>[0]) {
    super(req);
    writes.push(this.#calls);
  }
  // biome-ignore lint/suspicious/noExplicitAny: node's overloads of write/end, passed through as they are
  override write(...args: any[]): boolean {
    this.#calls.push('write');
    return (super.write as (...a: unknown[]) => boolean)(...args);
  }
  // biome-ignore lint/suspicious/noExplicitAny: as above
  override end(...args: any[]): this {
    this.#calls.push(args[0] === undefined || typeof args[0] === 'function' ? 'end' : 'end(body)');
    return (super.end as (...a: unknown[]) => this)(...args);
  }
}

let db: Database;
let server: ReturnType<typeof serve>;
let port: number;
const body = { name: 'x'.repeat(64 * 1024) };
beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  const hono = new Hono<AppEnv>();
  hono.use(async (c, next) => {
    c.set('services', { db } as unknown as Services); // only `db` is read on this path
    c.set('principal', { le: 'le-1', sub: 'user-1' } as Principal);
    await next();
  });
  hono.post('/widgets', idempotency(), (c) => c.json(body, 201, { ETag: '"v1"' }));
  server = serve({
    fetch: hono.fetch,
    port: 0,
    hostname: '127.0.0.1',
    serverOptions: { ServerResponse: RecordingResponse as typeof ServerResponse },
  });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

const post = (key: string) =>
  new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/widgets',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });

// Issue 15, load run: the first answer for a key used to be sent as one branch of
// `res.clone()`'s tee, which the server writes chunk by chunk after the headers; under 500
// connections saves were answered late or not within the client's timeout. It is now the
// stored text itself, written whole, as a replay always was.
it('sends the first answer for a key as the text it stored, whole, like its replay', async () => {
  writes.length = 0;
  const first = await post('k1');
  const replay = await post('k1');
  expect(first.status).toBe(201);
  expect(first.headers.etag).toBe('"v1"');
  expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
  expect(JSON.parse(first.text)).toEqual(body);
  expect(replay.text).toBe(first.text);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  const [stored] = await db.query<{ response_body: string }>(
    "select response_body from idempotency_keys where key = 'k1'",
  );
  expect(stored?.response_body).toBe(first.text);
  expect(writes).toEqual([['end(body)'], ['end(body)']]);
});
