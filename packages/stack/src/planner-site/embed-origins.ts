/**
 * Where the planner's server learns which pages may frame the planner for a legal entity:
 * the platform's public `GET /v1/embeds/{id}`, kept for a few seconds.
 *
 * 1. A page load asks for the legal entity named in its URL. A fresh answer (registered
 *    origins, or "no such legal entity") comes from the cache; concurrent misses share one
 *    request.
 * 2. An answer is kept as long as the platform's `max-age` says (5 s), never longer than
 *    `maxAgeSeconds`: an origin added or removed with the CLI or the admin API takes effect
 *    within that, without a restart. The platform drops its own copy on the change's
 *    announcement, so the two caches do not add up behind NOTIFY.
 * 3. Anything else from the platform (down, 5xx, a malformed answer) is an
 *    `EmbedLookupError`, never cached: the page is refused (fail closed), never served with
 *    a guessed policy.
 */

export interface EmbedOriginSource {
  /** The registered embed origins, or undefined for an unknown legal entity. */
  origins(legalEntityId: string): Promise<readonly string[] | undefined>;
}

export class EmbedLookupError extends Error {
  override readonly name = 'EmbedLookupError';
  readonly code = 'EMBED_LOOKUP_FAILED';
}

export interface PlatformEmbedOriginsOptions {
  /** The platform's base URL. */
  platformUrl: string;
  /** The longest an answer is kept, seconds (the platform's `max-age` may say less). */
  maxAgeSeconds?: number;
  /** How many legal entities' answers are kept at most. */
  maxEntries?: number;
  /** How long one request to the platform may take, ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A legal entity id as the platform makes them; anything else is unknown without asking. */
const LEGAL_ENTITY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An origin exactly as a browser serialises it. Each one goes verbatim into a header, so a
 * value that is anything more (a path, a space, a `;` that would start another directive)
 * makes the whole answer malformed.
 */
export function isSerialisedOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s;,'"]+$/.test(value)) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export function platformEmbedOrigins(options: PlatformEmbedOriginsOptions): EmbedOriginSource {
  const base = options.platformUrl.replace(/\/+$/, '');
  const maxAgeMs = (options.maxAgeSeconds ?? 5) * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 3000;
  const get = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { origins: readonly string[] | undefined; expiresAt: number }>();
  const inFlight = new Map<string, Promise<readonly string[] | undefined>>();

  const remember = (id: string, origins: readonly string[] | undefined, ms: number) => {
    if (ms <= 0) return;
    cache.delete(id);
    cache.set(id, { origins, expiresAt: now() + ms });
    // Map order is insertion order: the first entry is the oldest.
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  };

  async function load(id: string): Promise<readonly string[] | undefined> {
    let res: Response;
    try {
      res = await get(`${base}/v1/embeds/${id}`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new EmbedLookupError('The platform did not answer the embed-origins lookup.', { cause });
    }
    const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(res.headers.get('Cache-Control') ?? '');
    const keepMs = Math.min(maxAgeMs, maxAge ? Number(maxAge[1]) * 1000 : maxAgeMs);
    if (res.status === 404) {
      await res.body?.cancel();
      remember(id, undefined, keepMs);
      return undefined;
    }
    const body = res.ok ? ((await res.json().catch(() => null)) as { origins?: unknown } | null) : null;
    if (!res.ok) await res.body?.cancel();
    const origins = body?.origins;
    if (!Array.isArray(origins) || !origins.every(isSerialisedOrigin)) {
      throw new EmbedLookupError(`The platform answered the embed-origins lookup with ${res.status}.`);
    }
    const frozen = Object.freeze([...origins]);
    remember(id, frozen, keepMs);
    return frozen;
  }

  return {
    async origins(legalEntityId) {
      if (!LEGAL_ENTITY_ID.test(legalEntityId)) return undefined;
      const id = legalEntityId.toLowerCase();
      const hit = cache.get(id);
      if (hit && hit.expiresAt > now()) return hit.origins;
      let pending = inFlight.get(id);
      if (!pending) {
        pending = load(id).finally(() => inFlight.delete(id));
        inFlight.set(id, pending);
      }
      return pending;
    },
  };
}
