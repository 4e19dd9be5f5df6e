import type { Queryable } from '../db/database.ts';
import { overloaded } from '../http/errors.ts';

interface Claim {
  keyId: string;
  jti: string;
  /** Epoch seconds: the row may go once the assertion would have expired anyway. */
  expiresAt: number;
  settle: (claimed: boolean) => void;
  fail: (error: unknown) => void;
  /** Answered (claimed, replayed, failed or timed out): later outcomes are ignored. */
  done: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** At most this many inserts at once, each of at most `MAX_BATCH` claims. */
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 500;

export interface UsedAssertionsOptions {
  /**
   * Claims waiting for an insert slot, at most; one more is refused at once with `503
   * overloaded`. Past `MAX_IN_FLIGHT × MAX_BATCH` claims being written, a longer queue only
   * adds waiting (and memory): the database is the bottleneck then, and saying so is kinder
   * than an answer that comes after the client has given up.
   */
  maxQueued?: number;
  /**
   * The longest a claim waits for its answer (ms); past it the request is refused with
   * `503 overloaded`. A claim still queued is then dropped, never written: its assertion
   * may be sent again. One already being written may still commit: then its jti is spent
   * and the client makes a new assertion, as it would for any retry (refusing is the safe
   * side: a jti is never accepted twice).
   */
  deadlineMs?: number;
}

/**
 * The jti ledger of client assertions (RFC 7523 §3 (7): a jti is accepted once). Each claim
 * is a row of `used_assertions`, whose primary key makes it single-use across every instance
 * on the database; durability is the database's (a synchronous commit, as every write).
 *
 * Claims are grouped: one INSERT of many rows instead of one per request. Issue 13 found
 * `POST /v1/tokens` bound by the commit of that insert (about 1 000/s on 10 pooled
 * connections, whatever the CPU did). While `MAX_IN_FLIGHT` inserts wait for their commit,
 * new claims queue and go together in the next one, so an idle endpoint adds no delay and a
 * busy one commits hundreds of jtis at the cost of one.
 */
export class UsedAssertions {
  #queue: Claim[] = [];
  #inFlight = 0;
  readonly #maxQueued: number;
  readonly #deadlineMs: number;

  constructor(
    private readonly db: Queryable,
    options: UsedAssertionsOptions = {},
  ) {
    this.#maxQueued = options.maxQueued ?? 10_000;
    this.#deadlineMs = options.deadlineMs ?? 5_000;
  }

  /** Claims waiting for an insert slot (not yet sent to the database). */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * True when this jti of this key was not used before (and now is); false for a replay.
   * Rejects with `503 overloaded` when the queue is full or the answer passed the deadline.
   */
  claim(keyId: string, jti: string, expiresAt: number): Promise<boolean> {
    if (this.#queue.length >= this.#maxQueued) {
      return Promise.reject(overloaded('Too many token requests at once: try again in a second.'));
    }
    return new Promise((resolve, reject) => {
      const claim: Claim = {
        keyId,
        jti,
        expiresAt,
        done: false,
        timer: undefined,
        settle: (claimed) => finish(() => resolve(claimed)),
        fail: (error) => finish(() => reject(error)),
      };
      const finish = (answer: () => void) => {
        if (claim.done) return;
        claim.done = true;
        clearTimeout(claim.timer);
        answer();
      };
      claim.timer = setTimeout(() => {
        claim.fail(overloaded('The token request waited too long for the database: try again shortly.'));
        // Dropped from the queue now, so the queue holds only claims still waiting.
        const at = this.#queue.indexOf(claim);
        if (at !== -1) this.#queue.splice(at, 1);
      }, this.#deadlineMs);
      claim.timer.unref();
      this.#queue.push(claim);
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < MAX_IN_FLIGHT && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      this.#inFlight++;
      this.#write(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  async #write(batch: Claim[]): Promise<void> {
    // The same jti twice in one batch: the first claims it, the others are replays.
    const first = new Map<string, Claim>();
    for (const claim of batch) {
      if (claim.done) continue; // timed out while queued: never written
      const key = keyOf(claim);
      if (first.has(key)) claim.settle(false);
      else first.set(key, claim);
    }
    if (first.size === 0) return;
    // One fixed order for every batch on every instance: two batches that meet each other's
    // uncommitted rows then wait in the same direction, never on each other (a deadlock
    // would abort one batch, and with it up to MAX_BATCH other callers' claims).
    const claims = [...first.values()].sort((a, b) =>
      a.keyId === b.keyId ? compare(a.jti, b.jti) : compare(a.keyId, b.keyId),
    );
    try {
      const won = await this.#insert(claims);
      for (const claim of claims) claim.settle(won.has(keyOf(claim)));
    } catch {
      // Whatever failed the batch (a deadlock, a lost connection, one odd row) must not fail
      // everyone in it: each claim is tried alone, and fails only on its own error.
      await Promise.all(
        claims.map(async (claim) => {
          try {
            claim.settle((await this.#insert([claim])).has(keyOf(claim)));
          } catch (error) {
            claim.fail(error);
          }
        }),
      );
    }
  }

  async #insert(claims: readonly Claim[]): Promise<Set<string>> {
    const inserted = await this.db.query<{ key_id: string; jti: string }>(
      `insert into used_assertions (key_id, jti, expires_at)
       select k, j, to_timestamp(e)
       from unnest($1::text[], $2::text[], $3::float8[]) with ordinality as t(k, j, e, n)
       order by n
       on conflict do nothing returning key_id, jti`,
      [claims.map((c) => c.keyId), claims.map((c) => c.jti), claims.map((c) => c.expiresAt)],
    );
    return new Set(inserted.map((r) => `${r.key_id}\n${r.jti}`));
  }
}

const keyOf = (claim: Claim) => `${claim.keyId}\n${claim.jti}`;
/** Code-unit order, the same in every process (not the locale's). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
