import type { Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';

/**
 * Normalises an embed origin to `scheme://host[:port]`, the exact form a browser puts in
 * `MessageEvent.origin`, so comparisons in the planner are plain string equality.
 */
export function normaliseOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new PlatformError('invalid_argument', `Not an origin: ${JSON.stringify(input)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PlatformError('invalid_argument', 'An embed origin must be http: or https:.');
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new PlatformError(
      'invalid_argument',
      `An origin has no path, query or credentials: ${url.origin}.`,
    );
  }
  return url.origin;
}

/**
 * The legal entity's registered embed origins (sorted), or undefined when there is no such
 * legal entity: the one read the planner's `frame-ancestors` needs, without the rest of the
 * entity.
 */
export async function listEmbedOrigins(db: Queryable, legalEntityId: string): Promise<string[] | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(legalEntityId)) return undefined;
  const [row] = await db.query<{ origins: string[] | null }>(
    `select array(select origin from embed_origins o where o.legal_entity_id = le.id order by origin) as origins
     from legal_entities le where le.id = $1`,
    [legalEntityId],
  );
  return row ? (row.origins ?? []) : undefined;
}
