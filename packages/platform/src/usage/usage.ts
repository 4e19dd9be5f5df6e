import type { Database, Queryable } from '../db/database.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Logger } from '../util/log.ts';

/** Tokens issued, by kind, as the Reporting service counts them. */
export const TOKEN_USAGE_KINDS = [
  'legal_entity',
  'user',
  'backend_standard',
  'backend_static',
  'oauth',
] as const;
export type TokenUsageKind = (typeof TOKEN_USAGE_KINDS)[number];

export type UsageEvent = `token:${TokenUsageKind}` | 'project:created' | 'project:saved';

/** A UTC calendar day, `YYYY-MM-DD`: the Reporting service's unit. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** How many (legal entity, user, day) triples an instance remembers having recorded. */
const MAX_REMEMBERED = 100_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UsageBatching {
  /** How often buffered records are written, ms: what a crash loses at most. */
  flushIntervalMs: number;
  /** Distinct records held in memory at most (counters and active users together). */
  maxBuffered: number;
}

export const DEFAULT_USAGE_BATCHING: UsageBatching = { flushIntervalMs: 5_000, maxBuffered: 10_000 };

interface Batch {
  counters: Map<string, { le: string; day: string; event: string; n: number }>;
  active: Map<string, { le: string; day: string; user: string }>;
}

const emptyBatch = (): Batch => ({ counters: new Map(), active: new Map() });

/**
 * Records what the Reporting service reports: daily counters per legal entity, and who was
 * active on which day. Off the hot path: a request only adds to a bounded in-memory buffer,
 * which one transaction writes every `flushIntervalMs` (and at close, so SIGTERM loses
 * nothing). A crash loses at most the records of the last interval. Recording is best
 * effort: a failed write is logged and retried with the next one, and only when the buffer
 * is full while a write is still under way are records dropped (counted), never a request
 * failed (a token or a save matters more than its statistics).
 */
export class UsageRecorder {
  #rememberedDay = '';
  readonly #remembered = new Set<string>();
  #buffer = emptyBatch();
  #writing: Promise<void> | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #batching: UsageBatching;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly metrics?: Metrics,
    batching: Partial<UsageBatching> = {},
  ) {
    this.#batching = { ...DEFAULT_USAGE_BATCHING, ...batching };
    this.#timer = setInterval(() => {
      this.flush().catch(() => {});
    }, this.#batching.flushIntervalMs);
    // A pending flush alone must not keep a stopping process alive: close() flushes.
    this.#timer.unref();
  }

  async count(legalEntityId: string, event: UsageEvent): Promise<void> {
    if (event.startsWith('token:')) this.metrics?.tokensIssued.inc({ kind: event.slice('token:'.length) });
    if (!UUID.test(legalEntityId)) return;
    const day = dayOf(this.now());
    const key = `${legalEntityId}|${day}|${event}`;
    const entry = this.#buffer.counters.get(key);
    if (entry) entry.n += 1;
    else if (this.#room()) this.#buffer.counters.set(key, { le: legalEntityId, day, event, n: 1 });
    this.#gauge();
  }

  /**
   * Marks a user active today. Called on every authenticated user request, so each
   * instance buffers a given user at most once a day.
   */
  async activeUser(legalEntityId: string, userId: string): Promise<void> {
    const day = dayOf(this.now());
    if (day !== this.#rememberedDay) {
      this.#remembered.clear();
      this.#rememberedDay = day;
    }
    const key = `${legalEntityId}|${userId}`;
    if (this.#remembered.has(key) || !UUID.test(legalEntityId) || !UUID.test(userId)) return;
    if (!this.#room()) return;
    this.#buffer.active.set(`${key}|${day}`, { le: legalEntityId, day, user: userId });
    if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
    this.#remembered.add(key);
    this.#gauge();
  }

  /** Records in memory now, not yet written. */
  get buffered(): number {
    return this.#buffer.counters.size + this.#buffer.active.size;
  }

  /**
   * Writes what is buffered (after a write under way, if any). Resolves once this call's
   * records are written, or were put back for the next try when the write failed.
   */
  flush(): Promise<void> {
    if (this.#writing) return this.#writing.then(() => this.flush());
    const batch = this.#buffer;
    if (batch.counters.size === 0 && batch.active.size === 0) return Promise.resolve();
    this.#buffer = emptyBatch();
    this.#gauge();
    this.#writing = this.#write(batch).finally(() => {
      this.#writing = undefined;
    });
    return this.#writing;
  }

  /** Stops the timer and writes what is left: the last thing before the database closes. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  /** Whether one more distinct record fits; a full buffer starts a write when none runs. */
  #room(): boolean {
    if (this.buffered < this.#batching.maxBuffered) return true;
    if (!this.#writing) {
      this.flush().catch(() => {});
      return true;
    }
    this.metrics?.usageDropped.inc();
    return false;
  }

  async #write(batch: Batch): Promise<void> {
    const counters = [...batch.counters.values()];
    const active = [...batch.active.values()];
    try {
      // One transaction per interval, whatever the traffic; a legal entity or user deleted
      // meanwhile is skipped by the joins instead of failing the whole batch.
      await this.db.transaction(async (tx) => {
        if (counters.length > 0) {
          await tx.query(
            `insert into usage_counters (legal_entity_id, day, event, count)
             select u.le, u.day, u.event, u.n
             from unnest($1::uuid[], $2::date[], $3::text[], $4::int[]) as u(le, day, event, n)
             join legal_entities e on e.id = u.le
             on conflict (legal_entity_id, day, event) do update set count = usage_counters.count + excluded.count`,
            [
              counters.map((c) => c.le),
              counters.map((c) => c.day),
              counters.map((c) => c.event),
              counters.map((c) => c.n),
            ],
          );
        }
        if (active.length > 0) {
          await tx.query(
            `insert into usage_active_users (legal_entity_id, day, user_id)
             select u.le, u.day, u.usr
             from unnest($1::uuid[], $2::date[], $3::uuid[]) as u(le, day, usr)
             join legal_entities e on e.id = u.le
             join users x on x.id = u.usr
             on conflict do nothing`,
            [active.map((a) => a.le), active.map((a) => a.day), active.map((a) => a.user)],
          );
        }
      });
      this.metrics?.usageFlushes.inc({ result: 'ok' });
    } catch (error) {
      this.metrics?.usageFlushes.inc({ result: 'failed' });
      const kept = this.#putBack(batch);
      this.log.warn('usage.record_failed', { records: counters.length + active.length, kept, error });
    }
  }

  /** A failed batch goes back in front of what came since, as far as the bound allows. */
  #putBack(batch: Batch): number {
    let kept = 0;
    for (const [key, c] of batch.counters) {
      const now = this.#buffer.counters.get(key);
      if (now) now.n += c.n;
      else if (this.buffered < this.#batching.maxBuffered) this.#buffer.counters.set(key, c);
      else {
        this.metrics?.usageDropped.inc();
        continue;
      }
      kept += 1;
    }
    for (const [key, a] of batch.active) {
      if (this.#buffer.active.has(key) || this.buffered < this.#batching.maxBuffered) {
        this.#buffer.active.set(key, a);
        kept += 1;
      } else this.metrics?.usageDropped.inc();
    }
    this.#gauge();
    return kept;
  }

  #gauge(): void {
    this.metrics?.usageBuffered.set(this.buffered);
  }
}

export interface DayUsage {
  date: string;
  tokens_issued: Record<TokenUsageKind, number>;
  projects_created: number;
  projects_saved: number;
  active_users: number;
}

export interface UsageReport {
  from: string;
  to: string;
  days: DayUsage[];
  /** Sums over the range; `active_users` counts each user once. */
  totals: Omit<DayUsage, 'date'>;
}

const emptyTokens = (): Record<TokenUsageKind, number> =>
  Object.fromEntries(TOKEN_USAGE_KINDS.map((k) => [k, 0])) as Record<TokenUsageKind, number>;

/** Every day from `from` to `to` (inclusive, `YYYY-MM-DD`), days without events as zeros. */
export async function usageReport(
  db: Queryable,
  legalEntityId: string,
  from: string,
  to: string,
): Promise<UsageReport> {
  const days = new Map<string, DayUsage>();
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = dayOf(t);
    days.set(date, {
      date,
      tokens_issued: emptyTokens(),
      projects_created: 0,
      projects_saved: 0,
      active_users: 0,
    });
  }
  // `day::text`: drivers turn a `date` into a local-time Date object, a UTC day must stay a string.
  const counters = await db.query<{ day: string; event: string; count: number }>(
    `select day::text as day, event, count from usage_counters
     where legal_entity_id = $1 and day between $2::date and $3::date`,
    [legalEntityId, from, to],
  );
  for (const { day, event, count } of counters) {
    const entry = days.get(day);
    if (!entry) continue;
    const [what, detail] = event.split(':');
    if (what === 'token' && detail && detail in entry.tokens_issued) {
      entry.tokens_issued[detail as TokenUsageKind] += Number(count);
    } else if (event === 'project:created') entry.projects_created += Number(count);
    else if (event === 'project:saved') entry.projects_saved += Number(count);
  }
  const active = await db.query<{ day: string; users: number }>(
    `select day::text as day, count(*)::int as users from usage_active_users
     where legal_entity_id = $1 and day between $2::date and $3::date group by day`,
    [legalEntityId, from, to],
  );
  for (const { day, users } of active) {
    const entry = days.get(day);
    if (entry) entry.active_users = Number(users);
  }
  const [distinct] = await db.query<{ users: number }>(
    `select count(distinct user_id)::int as users from usage_active_users
     where legal_entity_id = $1 and day between $2::date and $3::date`,
    [legalEntityId, from, to],
  );

  const list = [...days.values()];
  const tokens = emptyTokens();
  for (const d of list) for (const k of TOKEN_USAGE_KINDS) tokens[k] += d.tokens_issued[k];
  return {
    from,
    to,
    days: list,
    totals: {
      tokens_issued: tokens,
      projects_created: list.reduce((n, d) => n + d.projects_created, 0),
      projects_saved: list.reduce((n, d) => n + d.projects_saved, 0),
      active_users: Number(distinct?.users ?? 0),
    },
  };
}
