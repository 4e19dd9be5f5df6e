import type { Queryable } from '../db/database.ts';
import { describePgError } from '../db/pg-listener.ts';
import type { Logger } from '../util/log.ts';

/** How often an instance on PostgreSQL polls the revocation epoch by default, ms. */
export const DEFAULT_REVOCATION_POLL_MS = 2_000;

/**
 * The bounded fallback for revocations a LISTEN connection did not deliver (issue 10). A
 * dropped connection that says so is handled by the listener (caches bypassed until it is
 * back); this is for one that dies silently: a half-open TCP connection, a proxy or pooler
 * that lost the LISTEN, a notification queue that overflowed.
 *
 * Every announcement bumps the epoch and names its value (`notifyRevocation`). What happens:
 * 1. `heard(n)`: a notification with epoch n arrived.
 * 2. Every `intervalMs` the epoch is read. Unchanged: nothing. Moved, and every epoch since
 *    the last poll was heard: nothing either, the notifications did the work. Moved past one
 *    that was not heard: `onMissed` (the caller empties every revocable cache), so a missed
 *    revocation is served from memory for at most about one interval.
 * 3. `sync()` takes the current epoch as accounted for, once caches were emptied anyway
 *    (start, reconnect), so that a gap the listener already handled is not handled twice.
 * A failed read is logged and retried at the next tick.
 */
export class RevocationEpoch {
  #seen: number | undefined;
  /** Epochs heard above `#seen`. */
  readonly #heard = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  #polling = false;

  constructor(
    private readonly db: Queryable,
    private readonly onMissed: (from: number, to: number) => void,
    private readonly log: Logger,
  ) {}

  heard(epoch: number): void {
    if (this.#seen === undefined || epoch > this.#seen) this.#heard.add(epoch);
  }

  async sync(): Promise<void> {
    this.#advance(await this.#read());
  }

  async poll(): Promise<void> {
    const epoch = await this.#read();
    const from = this.#seen;
    if (from === undefined) return this.#advance(epoch);
    if (epoch <= from) return;
    let missed = epoch - from > this.#heard.size;
    for (let n = from + 1; !missed && n <= epoch; n++) missed = !this.#heard.has(n);
    this.#advance(epoch);
    if (missed) this.onMissed(from, epoch);
  }

  start(intervalMs: number): void {
    this.#timer ??= setInterval(() => {
      if (this.#polling) return;
      this.#polling = true;
      this.poll()
        .catch((error: unknown) =>
          this.log.warn('revocations.epoch_poll_failed', { error: describePgError(error) }),
        )
        .finally(() => {
          this.#polling = false;
        });
    }, intervalMs);
    // Polling alone must not keep a stopping process alive.
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #read(): Promise<number> {
    const [row] = await this.db.query<{ epoch: string | number }>('select epoch from revocation_epoch');
    return Number(row?.epoch ?? 0);
  }

  #advance(epoch: number): void {
    if (this.#seen !== undefined && epoch <= this.#seen) return;
    this.#seen = epoch;
    for (const n of this.#heard) if (n <= epoch) this.#heard.delete(n);
  }
}
