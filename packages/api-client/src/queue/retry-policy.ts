/**
 * When the queue sends a call again after a failure that says nothing about the call itself
 * (a dropped connection, an overloaded or restarting platform), and how long it waits first.
 * The rules are those of axios-retry and ky:
 *
 * - **What**: a network error (`fetch` rejected), or a `408`, `429`, `502`, `503` or `504`;
 *   and for a keyed write, the platform's `409 idempotency_key_reused`, which says the first
 *   send with that key is still being applied (a retry that overtook it after a dropped
 *   connection): its answer is stored once it finishes, so asking again gets it.
 *   Every other status is the platform's answer to this call and goes to the caller as it is.
 * - **Which calls**: reads (`GET`, `HEAD`, `OPTIONS`) always; a write only when it carries an
 *   `Idempotency-Key`, which makes the platform apply it once however often it arrives. A
 *   write without one may have been applied before its answer was lost, so it is never sent
 *   twice.
 * - **How long**: `Retry-After` when the platform sent one (seconds or an HTTP date), else
 *   capped exponential back-off with full jitter — a random delay in
 *   `[0, min(maxDelayMs, baseDelayMs × 2^(retry − 1)))` — so a thousand planners that lost the
 *   platform at the same moment do not come back at the same moment.
 * - **Until when**: at most `retries` times per call, and never past the call's deadline: a
 *   wait that would end after it is not started, and the last outcome goes to the caller.
 */

export interface RetryOptions {
  /** Sends after the first one, per call. Default 4; 0 turns retries off. */
  retries?: number;
  /** The first back-off's upper bound, ms. Default 300. */
  baseDelayMs?: number;
  /** No back-off is longer than this, ms. Default 10 s. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the answer goes to the caller. Default 60 s. */
  maxRetryAfterMs?: number;
}

export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export class RetryPolicy {
  readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(
    options: RetryOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.retries = Math.max(0, options.retries ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 300;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  }

  /** Whether a call may be sent again at all: reads always, writes with their key. */
  mayRetry(method: string, headers: Headers): boolean {
    return READ_METHODS.has(method) || headers.has('Idempotency-Key');
  }

  /**
   * How long to wait before retry number `retry` (1 for the first), or `undefined` when the
   * answer is final: a status not worth retrying, or a `Retry-After` past `maxRetryAfterMs`.
   * `platformNow` is the platform's clock as the client estimates it, for an HTTP-date value.
   */
  delay(
    retry: number,
    response: Response | undefined,
    platformNow: number,
    inProgress = false,
  ): number | undefined {
    if (response) {
      if (!RETRY_STATUSES.has(response.status) && !inProgress) return undefined;
      const asked = retryAfterMs(response.headers.get('Retry-After'), platformNow);
      if (asked !== undefined) return asked > this.maxRetryAfterMs ? undefined : asked;
    }
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(this.random() * cap);
  }
}

/**
 * RFC 9110 §10.2.3: `Retry-After` is a number of seconds or an HTTP date. A date in the past
 * means now; anything unreadable is ignored (the back-off applies).
 */
export function retryAfterMs(value: string | null, platformNow: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - platformNow);
}

/**
 * Whether an answer is the platform's "a request with this Idempotency-Key is in progress"
 * (`409`, body `error: "idempotency_key_reused"`; the same code with `422` means another body,
 * which no retry fixes). Reads a clone, so the caller still gets the body.
 */
export async function isKeyInProgress(response: Response): Promise<boolean> {
  if (response.status !== 409) return false;
  try {
    const body: unknown = await response.clone().json();
    return (body as { error?: unknown } | null)?.error === 'idempotency_key_reused';
  } catch {
    return false;
  }
}
