import {
  CATALOG_PAGE_MAX_LIMIT,
  type Catalog,
  type CatalogLookup,
  type Identity,
  type Inbox,
  type InboxMessage,
  type Project,
  type ProjectInput,
  type ProjectList,
} from '@planner/contract';
import { ApiClientError } from './errors.ts';
import type { RequestOptions } from './queue/request-queue.ts';

/**
 * Typed calls to the platform's web services, through the request queue (so every call
 * waits for a token, survives a refresh and carries an Idempotency-Key when it writes).
 *
 * The types come from `@planner/contract`, which the platform's schemas are pinned to: zod
 * never reaches the browser bundle, and answers are not re-validated here (the platform validates what it
 * sends; we check only that it is JSON).
 *
 * Cross-origin, `ETag` and `WWW-Authenticate` are readable only if the platform lists them in
 * `Access-Control-Expose-Headers`; a missing ETag fails clearly with `INVALID_RESPONSE`.
 */

/** Anything that sends a request like the queue does. */
export interface Requester {
  request(url: string, options?: RequestOptions): Promise<Response>;
}

/** Per-call options: cancellation, deadline, and a key to reuse when the UI retries a write. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Reuse the key of an earlier attempt of the same logical write (after a network error). */
  idempotencyKey?: string;
}

/** A project with the ETag of the version read or written, for the next `If-Match`. */
export interface VersionedProject {
  project: Project;
  etag: string;
}

/** A search of the catalog: words (prefixes), a category, and the page. */
export interface CatalogQuery {
  q?: string;
  category?: string;
  offset?: number;
  /** At most `CATALOG_PAGE_MAX_LIMIT`. */
  limit?: number;
}

export interface WebServices {
  /**
   * The whole catalog on sale, every page collected (one answer with `next_offset: null`).
   * Each page is revalidated (`If-None-Match`): an unchanged catalog costs 304s, no bodies.
   */
  getCatalog(options?: CallOptions): Promise<Catalog>;
  /** One page of a server-side search, revalidated like `getCatalog`. */
  searchCatalog(query: CatalogQuery, options?: CallOptions): Promise<Catalog>;
  /** Items by id, sold or not (`sold: false`: "no longer sold"), for a saved project's pieces. */
  lookupCatalogItems(ids: string[], options?: CallOptions): Promise<CatalogLookup>;
  getIdentity(options?: CallOptions): Promise<Identity>;
  listProjects(options?: CallOptions): Promise<ProjectList>;
  createProject(input: ProjectInput, options?: CallOptions): Promise<VersionedProject>;
  getProject(id: string, options?: CallOptions): Promise<VersionedProject>;
  /** Sends `If-Match: etag`; a project changed elsewhere fails with `CONFLICT` (412). */
  updateProject(
    id: string,
    input: ProjectInput,
    etag: string,
    options?: CallOptions,
  ): Promise<VersionedProject>;
  /** With `etag`, deletes only that version (`CONFLICT` if it changed). */
  deleteProject(id: string, etag?: string, options?: CallOptions): Promise<void>;
  /** The signed-in user's Messagebox inbox (own messages and broadcasts), unread first. */
  getInbox(options?: InboxOptions): Promise<Inbox>;
  /** Marks a message read; idempotent (the first read time stays). Answers the message, read. */
  markMessageRead(id: string, options?: CallOptions): Promise<InboxMessage>;
}

export interface InboxOptions extends CallOptions {
  /** At most this many messages (1–200; the platform's default is 50). */
  limit?: number;
}

export interface WebServicesOptions {
  /** Where the platform's API lives, e.g. `https://api.planner.example` (may differ from the planner's origin). */
  baseUrl: string;
  queue: Requester;
}

export function createWebServices({ baseUrl, queue }: WebServicesOptions): WebServices {
  const base = baseUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${path}`;
  const project = (id: string) => url(`/v1/projects/${encodeURIComponent(id)}`);

  const send = async (path: string, init: RequestOptions, options: CallOptions = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    const response = await queue.request(path, { ...init, ...options, headers });
    if (!response.ok) throw await httpError(response);
    return response;
  };

  // Catalog answers by URL with their ETag: sent back as If-None-Match, a 304 reuses the body.
  // Bounded: the oldest entry goes first (searches add entries).
  const revalidated = new Map<string, { etag: string; body: unknown }>();
  const cachedGet = async <T>(path: string, options: CallOptions = {}): Promise<T> => {
    const cached = revalidated.get(path);
    const headers = new Headers({ Accept: 'application/json' });
    if (cached) headers.set('If-None-Match', cached.etag);
    const response = await queue.request(path, { method: 'GET', ...options, headers });
    if (response.status === 304 && cached) {
      response.body?.cancel().catch(() => {});
      revalidated.delete(path);
      revalidated.set(path, cached);
      return cached.body as T;
    }
    if (!response.ok) throw await httpError(response);
    const body = await json<T>(response);
    const etag = response.headers.get('ETag');
    revalidated.delete(path);
    if (etag) revalidated.set(path, { etag, body });
    while (revalidated.size > MAX_REVALIDATED) revalidated.delete(revalidated.keys().next().value as string);
    return body;
  };
  const catalogPage = (query: CatalogQuery, options?: CallOptions) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return cachedGet<Catalog>(url(`/v1/catalog${search ? `?${search}` : ''}`), options);
  };

  return {
    async getCatalog(options) {
      const limit = CATALOG_PAGE_MAX_LIMIT;
      // An import between two pages changes the version: start again (bounded) so one
      // answer never mixes two versions.
      for (let attempt = 0; ; attempt++) {
        const first = await catalogPage({ limit }, options);
        const items = [...(first.items ?? [])];
        let next = first.next_offset;
        let mixed = false;
        while (typeof next === 'number' && next > 0) {
          const page = await catalogPage({ offset: next, limit }, options);
          if (page.version !== first.version) {
            mixed = true;
            break;
          }
          items.push(...page.items);
          next = page.next_offset;
        }
        if (!mixed || attempt >= 2) return { ...first, items, offset: 0, next_offset: null };
      }
    },
    searchCatalog(query, options) {
      return catalogPage(query, options);
    },
    lookupCatalogItems(ids, options) {
      return cachedGet<CatalogLookup>(
        url(`/v1/catalog/items?ids=${ids.map(encodeURIComponent).join(',')}`),
        options,
      );
    },
    async getIdentity(options) {
      return json<Identity>(await send(url('/v1/me'), { method: 'GET' }, options));
    },
    async listProjects(options) {
      return json<ProjectList>(await send(url('/v1/projects'), { method: 'GET' }, options));
    },
    async createProject(input, options) {
      return versioned(await send(url('/v1/projects'), { method: 'POST', json: input }, options));
    },
    async getProject(id, options) {
      return versioned(await send(project(id), { method: 'GET' }, options));
    },
    async updateProject(id, input, etag, options) {
      const headers = { 'If-Match': etag };
      return versioned(await send(project(id), { method: 'PUT', json: input, headers }, options));
    },
    async deleteProject(id, etag, options) {
      const headers: Record<string, string> = etag === undefined ? {} : { 'If-Match': etag };
      const response = await send(project(id), { method: 'DELETE', headers }, options);
      response.body?.cancel().catch(() => {});
    },
    async getInbox({ limit, ...options } = {}) {
      const query = limit === undefined ? '' : `?limit=${encodeURIComponent(limit)}`;
      return json<Inbox>(await send(url(`/v1/messagebox/inbox${query}`), { method: 'GET' }, options));
    },
    async markMessageRead(id, options) {
      const path = `/v1/messagebox/messages/${encodeURIComponent(id)}/read`;
      return json<InboxMessage>(await send(url(path), { method: 'POST' }, options));
    },
  };
}

/** Catalog answers kept for revalidation: a catalog's pages and the last searches. */
const MAX_REVALIDATED = 200;

async function json<T>(response: Response): Promise<T> {
  try {
    const value: unknown = await response.json();
    if (typeof value !== 'object' || value === null) throw new TypeError('not a JSON object');
    return value as T;
  } catch (cause) {
    throw new ApiClientError('INVALID_RESPONSE', 'The platform did not answer with JSON.', {
      cause,
      status: response.status,
    });
  }
}

async function versioned(response: Response): Promise<VersionedProject> {
  const etag = response.headers.get('ETag');
  const project = await json<Project>(response);
  if (!etag) {
    throw new ApiClientError(
      'INVALID_RESPONSE',
      'The platform sent no ETag (is it listed in Access-Control-Expose-Headers?).',
      { status: response.status },
    );
  }
  return { project, etag };
}

/** Maps an error status and the platform's `{ error, error_description }` body to a coded error. */
async function httpError(response: Response): Promise<ApiClientError> {
  let platformError: string | undefined;
  let description: string | undefined;
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const { error, error_description } = body as Record<string, unknown>;
      if (typeof error === 'string') platformError = error;
      if (typeof error_description === 'string') description = error_description;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const status = response.status;
  if (status === 412) {
    return new ApiClientError('CONFLICT', description ?? 'The project was changed elsewhere; reload it.', {
      status,
      platformError,
    });
  }
  return new ApiClientError('HTTP_ERROR', description ?? `The platform answered ${status}.`, {
    status,
    platformError,
  });
}
