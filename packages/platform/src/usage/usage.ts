import type { Queryable } from '../db/database.ts';
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

/**
 * Records what the Reporting service reports: daily counters per legal entity, and who was
 * active on which day. Recording is best effort: a failure is logged and never fails the
 * request that caused it (a token or a save matters more than its statistics).
 */
export class UsageRecorder {
  #rememberedDay = '';
  readonly #remembered = new Set<string>();

  constructor(
    private readonly db: Queryable,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly metrics?: Metrics,
  ) {}

  async count(legalEntityId: string, event: UsageEvent): Promise<void> {
    if (event.startsWith('token:')) this.metrics?.tokensIssued.inc({ kind: event.slice('token:'.length) });
    try {
      await this.db.query(
        `insert into usage_counters (legal_entity_id, day, event, count) values ($1, $2, $3, 1)
         on conflict (legal_entity_id, day, event) do update set count = usage_counters.count + 1`,
        [legalEntityId, dayOf(this.now()), event],
      );
    } catch (error) {
      this.log.warn('usage.record_failed', { event, legal_entity: legalEntityId, error });
    }
  }

  /**
   * Marks a user active today. Called on every authenticated user request, so each
   * instance writes a given user at most once a day.
   */
  async activeUser(legalEntityId: string, userId: string): Promise<void> {
    const day = dayOf(this.now());
    if (day !== this.#rememberedDay) {
      this.#remembered.clear();
      this.#rememberedDay = day;
    }
    const key = `${legalEntityId}|${userId}`;
    if (this.#remembered.has(key)) return;
    try {
      await this.db.query(
        `insert into usage_active_users (legal_entity_id, day, user_id) values ($1, $2, $3)
         on conflict do nothing`,
        [legalEntityId, day, userId],
      );
      if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
      this.#remembered.add(key);
    } catch (error) {
      this.log.warn('usage.record_failed', { event: 'active_user', legal_entity: legalEntityId, error });
    }
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
