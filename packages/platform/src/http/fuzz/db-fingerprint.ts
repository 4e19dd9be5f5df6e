import type { Queryable } from '../../db/database.ts';

/**
 * Tables a refused request may legitimately touch: usage metering counts whoever presented
 * a genuine token (the request is metered even when its input is then refused), and the
 * migration and limiter bookkeeping is not domain data. `idempotency_keys` records the
 * answer given to a key, refusals included, so a retry gets the same answer
 * (draft-ietf-httpapi-idempotency-key-header §2.6): the record of a refusal, not a write.
 */
const NOT_DOMAIN = /usage|migration|rate_limit|limiter|^idempotency_keys$/;

export async function domainTables(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.name).filter((name) => !NOT_DOMAIN.test(name));
}

/** Row count and content hash of each table, in one round trip. */
export async function fingerprint(db: Queryable, tables: readonly string[]): Promise<Map<string, string>> {
  const sql = tables
    .map(
      (t) =>
        `select '${t}' as name, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as print from "${t}" x`,
    )
    .join(' union all ');
  const rows = await db.query<{ name: string; print: string }>(sql);
  return new Map(rows.map((r) => [r.name, r.print]));
}

/** The tables whose fingerprint differs. */
export const changed = (before: Map<string, string>, after: Map<string, string>): string[] =>
  [...before.keys()].filter((t) => before.get(t) !== after.get(t));
