import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { sha256 } from '../../crypto/random.ts';
import { transactionScope } from '../../db/transaction-scope.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The route's validation refused the request: a schema failure, or JSON that does not parse. */
const refusedUnapplied = (error: Error | undefined) =>
  (error instanceof ApiError && error.unapplied) || (error instanceof HTTPException && error.status === 400);
/** Headers of a stored answer worth replaying. */
const KEPT_HEADERS = ['content-type', 'etag', 'location'];
/** Statuses whose answer has no body (a Response refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

interface Stored {
  request_hash: string;
  status: number;
  response_headers: Record<string, string>;
  response_body: string;
}

/** Thrown inside the transaction to roll back a request that did not produce an answer. */
class NotAnAnswer extends Error {}

/**
 * `Idempotency-Key` on writes: the first answer for a key is stored and returned again for
 * the same key and body, without applying anything twice; the same key with another body
 * is refused. Keys are scoped to the caller (legal entity + subject). Runs after bearer auth.
 *
 * The claim of the key, the handler's writes and the stored answer are one transaction
 * (Brandur Leach's "atomic phase"): a process killed half-way leaves neither a write without
 * its answer (a retry would apply it twice) nor a key claimed forever (every retry refused).
 * A concurrent request with the same key waits on the key's row until the first commits,
 * then replays its answer.
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
    const services = c.get('services');
    const { db } = services;
    const caller = `${c.get('principal').le}:${c.get('principal').sub}`;
    const body = await c.req.raw.clone().text();
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${body}`);

    let replay: Response | undefined;
    let answer: Response | undefined;
    try {
      await db.transaction(async (tx) => {
        const claimed = await tx.query(
          `insert into idempotency_keys (caller, key, request_hash, status, response_headers, response_body)
           values ($1, $2, $3, 0, '{}', '') on conflict do nothing returning key`,
          [caller, key, requestHash],
        );
        if (claimed.length === 0) {
          const [stored] = await tx.query<Stored>(
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
          replay = new Response(stored.status === 204 ? null : stored.response_body, {
            status: stored.status,
            headers: { ...stored.response_headers, 'Idempotent-Replayed': 'true' },
          });
          return;
        }

        c.set('services', { ...services, db: transactionScope(db, tx) });
        try {
          await next();
        } finally {
          c.set('services', services);
        }
        const res = c.res;
        // Server errors are not answers, and a request refused by validation never executed
        // (Stripe's rule): roll back, so a retry or the corrected request can apply.
        if (res.status >= 500 || refusedUnapplied(c.error)) throw new NotAnAnswer();
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = res.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        // The body is read once, as text: stored, and sent as a fresh answer of that text.
        // Sending the handler's own answer after `res.clone()` handed the server one branch of
        // a tee'd stream, which it writes chunk by chunk on its slow path: under load, saves
        // were answered late or not within the client's timeout.
        const text = await res.text();
        await tx.query(
          `update idempotency_keys set status = $3, response_headers = $4, response_body = $5
           where caller = $1 and key = $2`,
          [caller, key, res.status, JSON.stringify(headers), text],
        );
        answer = new Response(NULL_BODY.has(res.status) ? null : text, {
          status: res.status,
          statusText: res.statusText,
          headers: res.headers,
        });
      });
    } catch (error) {
      if (!(error instanceof NotAnAnswer)) throw error;
    }
    if (replay) return replay;
    if (answer) {
      // Unset first: assigning over an answer makes Hono wrap the new one's body as a stream.
      c.res = undefined;
      c.res = answer;
    }
  });
