import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { sha256 } from '../../crypto/random.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The route's validation refused the request: a schema failure, or JSON that does not parse. */
const refusedUnapplied = (error: Error | undefined) =>
  (error instanceof ApiError && error.unapplied) || (error instanceof HTTPException && error.status === 400);
/** Headers of a stored answer worth replaying. */
const KEPT_HEADERS = ['content-type', 'etag', 'location'];

interface Stored {
  request_hash: string;
  status: number;
  response_headers: Record<string, string>;
  response_body: string;
}

/**
 * `Idempotency-Key` on writes: the first answer for a key is stored and returned again for
 * the same key and body, without applying anything twice; the same key with another body
 * is refused. Keys are scoped to the caller (legal entity + subject). A pending row is
 * claimed before the handler runs, so two concurrent requests with one key cannot both apply.
 * Runs after bearer auth.
 */
export const idempotency = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      throw new ApiError(
        400,
        'idempotency_key_invalid',
        'An Idempotency-Key is 1 to 255 printable characters.',
      );
    }
    const { db } = c.var.services;
    const caller = `${c.var.principal.le}:${c.var.principal.sub}`;
    const body = await c.req.raw.clone().text();
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${body}`);

    const claimed = await db.query(
      `insert into idempotency_keys (caller, key, request_hash, status, response_headers, response_body)
       values ($1, $2, $3, 0, '{}', '') on conflict do nothing returning key`,
      [caller, key, requestHash],
    );
    if (claimed.length === 0) {
      const [stored] = await db.query<Stored>(
        'select request_hash, status, response_headers, response_body from idempotency_keys where caller = $1 and key = $2',
        [caller, key],
      );
      if (!stored || stored.request_hash !== requestHash) {
        throw new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request.',
        );
      }
      if (stored.status === 0) {
        throw new ApiError(
          409,
          'idempotency_key_reused',
          'A request with this Idempotency-Key is in progress.',
        );
      }
      return new Response(stored.status === 204 ? null : stored.response_body, {
        status: stored.status,
        headers: { ...stored.response_headers, 'Idempotent-Replayed': 'true' },
      });
    }

    try {
      await next();
    } catch (error) {
      await db.query('delete from idempotency_keys where caller = $1 and key = $2', [caller, key]);
      throw error;
    }
    const res = c.res;
    // Server errors are not answers, and a request refused by validation never executed
    // (Stripe's rule): release the key, so a retry or the corrected request can apply.
    if (res.status >= 500 || refusedUnapplied(c.error)) {
      await db.query('delete from idempotency_keys where caller = $1 and key = $2', [caller, key]);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    await db.query(
      `update idempotency_keys set status = $3, response_headers = $4, response_body = $5
       where caller = $1 and key = $2`,
      [caller, key, res.status, JSON.stringify(headers), await res.clone().text()],
    );
  });
