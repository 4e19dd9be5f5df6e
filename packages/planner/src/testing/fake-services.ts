import {
  ApiClientError,
  type CallOptions,
  type CatalogQuery,
  type InboxOptions,
  type VersionedProject,
} from '@planner/api-client';
import type {
  Catalog,
  CatalogItem,
  CatalogLookup,
  Inbox,
  InboxMessage,
  Project,
  ProjectInput,
  ProjectList,
} from '@planner/contract';
import type { AnalyticsEvent } from '@planner/protocol';
import type { PlannerServices, SessionState } from '../services.ts';
import { TEST_CATALOG } from './fixtures.ts';

export interface FakeServicesOptions {
  catalog?: Catalog;
  /** Items an import left out: not in `catalog`, found by `lookupCatalogItems` with `sold: false`. */
  retired?: CatalogItem[];
  session?: SessionState;
  /** Milliseconds every call takes (0: answers on the next microtask). */
  latencyMs?: number;
  symbolUrl?: (relative: string) => string;
  /** The signed-in user's Messagebox messages (none by default). */
  messages?: InboxMessage[];
}

export interface FakeCall {
  method: string;
  args: unknown[];
}

/**
 * An in-memory platform behind `PlannerServices`: projects with versions and ETags (`"v3"`),
 * `If-Match` as the platform reads it (strong comparison, `*`, lists), and idempotency keys
 * that replay the first answer and refuse a key reused for another request. Tests and the dev
 * preview use it; `fail(method, error)` makes the next call of a method fail.
 * packages/integration/src/fake-services-contract.test.ts runs the same cases against it and the real platform.
 */
export class FakeServices implements PlannerServices {
  readonly calls: FakeCall[] = [];
  readonly projects = new Map<string, Project>();
  retired: CatalogItem[];
  readonly saved: { id: string; name: string; version: number }[] = [];
  readonly loginRequests: string[] = [];
  readonly heights: number[] = [];
  readonly baskets: Parameters<PlannerServices['requestBasket']>[0][] = [];
  readonly analytics: AnalyticsEvent[] = [];
  catalog: Catalog;
  /** The inbox, as stored: `getInbox` answers unread first, then newest first. */
  messages: InboxMessage[];
  latencyMs: number;
  #session: SessionState;
  #owner: string | null;
  #sessionListeners = new Set<(s: SessionState) => void>();
  #failures = new Map<string, unknown[]>();
  #lostResponses = new Set<string>();
  #idempotent = new Map<string, { request: string; answer: VersionedProject | undefined }>();
  #symbolUrl: (relative: string) => string;
  #nextId = 1;
  retries = 0;

  constructor(options: FakeServicesOptions = {}) {
    this.catalog = options.catalog ?? TEST_CATALOG;
    this.retired = (options.retired ?? []).map((item) => ({ ...item, sold: false }));
    this.messages = clone(options.messages ?? []);
    this.#session = options.session ?? { status: 'signed-in', userId: 'shopper-1', canSave: true };
    this.#owner = ownerOf(this.#session, null);
    this.latencyMs = options.latencyMs ?? 0;
    this.#symbolUrl = options.symbolUrl ?? ((relative) => `https://api.test${relative}`);
  }

  readonly session = {
    get: (): SessionState => this.#session,
    subscribe: (listener: (s: SessionState) => void): (() => void) => {
      this.#sessionListeners.add(listener);
      listener(this.#session);
      return () => this.#sessionListeners.delete(listener);
    },
    retry: (): void => {
      this.retries++;
    },
    owner: (): string | null => this.#owner,
  };

  setSession(state: SessionState): void {
    this.#session = state;
    this.#owner = ownerOf(state, this.#owner);
    for (const listener of this.#sessionListeners) listener(state);
  }

  /** The next call of `method` rejects with `error` (queue several to fail several calls). */
  fail(method: keyof PlannerServices, error: unknown): void {
    const list = this.#failures.get(method) ?? [];
    list.push(error);
    this.#failures.set(method, list);
  }

  /** The next call of `method` is applied, but its answer is lost on the way back (a network error). */
  loseResponse(method: 'createProject' | 'updateProject'): void {
    this.#lostResponses.add(method);
  }

  /** Changes a stored project as another tab would, so the next update with the old ETag conflicts. */
  editElsewhere(id: string, patch: Partial<ProjectInput>): Project {
    const p = this.projects.get(id);
    if (!p) throw new Error(`no project ${id}`);
    const next: Project = { ...p, ...patch, version: p.version + 1, updated_at: new Date().toISOString() };
    this.projects.set(id, next);
    return next;
  }

  async getCatalog(options?: CallOptions): Promise<Catalog> {
    await this.#call('getCatalog', [options]);
    return this.catalog;
  }

  /** The platform's search, in memory: every word a prefix of a word of the item. */
  async searchCatalog(query: CatalogQuery, options?: CallOptions): Promise<Catalog> {
    await this.#call('searchCatalog', [query, options]);
    const words = (query.q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const found = this.catalog.items.filter((i) => {
      const own =
        `${i.id} ${i.name} ${i.category} ${i.description}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      return (
        (!query.category || i.category === query.category) &&
        words.every((w) => own.some((o) => o.startsWith(w)))
      );
    });
    const offset = query.offset ?? 0;
    const items = found.slice(offset, offset + (query.limit ?? 50));
    const next = offset + items.length;
    return {
      ...this.catalog,
      items,
      total: found.length,
      offset,
      next_offset: next < found.length ? next : null,
    };
  }

  async lookupCatalogItems(ids: string[], options?: CallOptions): Promise<CatalogLookup> {
    await this.#call('lookupCatalogItems', [ids, options]);
    const items = [...this.catalog.items, ...this.retired].filter((i) => ids.includes(i.id));
    return {
      version: this.catalog.version,
      items,
      missing: ids.filter((id) => !items.some((i) => i.id === id)),
    };
  }

  async getIdentity(options?: CallOptions) {
    await this.#call('getIdentity', [options]);
    const s = this.#session;
    return {
      kind: s.status === 'signed-in' ? ('user' as const) : ('legal_entity' as const),
      scope: s.status === 'signed-in' && s.canSave ? 'read write' : 'read',
      legal_entity: { id: 'le-1', name: 'Demo Furniture' },
      user: s.status === 'signed-in' ? { id: s.userId } : null,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    };
  }

  async listProjects(options?: CallOptions): Promise<ProjectList> {
    await this.#call('listProjects', [options]);
    const projects = [...this.projects.values()]
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
      .map((p) => ({
        id: p.id,
        name: p.name,
        version: p.version,
        item_count: p.items.length,
        updated_at: p.updated_at,
      }));
    return { projects };
  }

  async createProject(input: ProjectInput, options?: CallOptions): Promise<VersionedProject> {
    await this.#call('createProject', [input, options]);
    return this.#idempotently('createProject', `POST\n${JSON.stringify(input)}`, options, () => {
      const now = new Date().toISOString();
      const id = `00000000-0000-4000-8000-${String(this.#nextId++).padStart(12, '0')}`;
      const project: Project = { ...clone(input), id, version: 1, created_at: now, updated_at: now };
      this.projects.set(id, project);
      return { project: clone(project), etag: '"v1"' };
    });
  }

  async getProject(id: string, options?: CallOptions): Promise<VersionedProject> {
    await this.#call('getProject', [id, options]);
    const p = this.projects.get(id);
    if (!p) throw notFound();
    return { project: clone(p), etag: `"v${p.version}"` };
  }

  async updateProject(id: string, input: ProjectInput, etag: string, options?: CallOptions) {
    await this.#call('updateProject', [id, input, etag, options]);
    return this.#idempotently('updateProject', `PUT ${id}\n${JSON.stringify(input)}`, options, () => {
      const p = this.projects.get(id);
      if (!p) throw notFound();
      if (!ifMatch(etag, p.version)) throw conflict();
      const next: Project = {
        ...p,
        ...clone(input),
        version: p.version + 1,
        updated_at: new Date().toISOString(),
      };
      this.projects.set(id, next);
      return { project: clone(next), etag: `"v${next.version}"` };
    });
  }

  async deleteProject(id: string, etag?: string, options?: CallOptions): Promise<void> {
    await this.#call('deleteProject', [id, etag, options]);
    this.#idempotently('deleteProject', `DELETE ${id}\n`, options, () => {
      const p = this.projects.get(id);
      if (!p) throw notFound();
      if (etag !== undefined && !ifMatch(etag, p.version)) throw conflict();
      this.projects.delete(id);
      return undefined;
    });
  }

  async getInbox(options?: InboxOptions): Promise<Inbox> {
    await this.#call('getInbox', [options]);
    const messages = [...this.messages]
      .sort(
        (a, b) =>
          Number(a.read_at !== null) - Number(b.read_at !== null) || b.created_at.localeCompare(a.created_at),
      )
      .slice(0, options?.limit ?? 50);
    return {
      messages: clone(messages),
      unread_count: this.messages.filter((m) => m.read_at === null).length,
    };
  }

  async markMessageRead(id: string, options?: CallOptions): Promise<InboxMessage> {
    await this.#call('markMessageRead', [id, options]);
    const message = this.messages.find((m) => m.id === id);
    if (!message) {
      throw new ApiClientError('HTTP_ERROR', 'No such message.', { status: 404, platformError: 'not_found' });
    }
    message.read_at ??= new Date().toISOString();
    return clone(message);
  }

  symbolUrl(relative: string): string {
    return this.#symbolUrl(relative);
  }

  requestLogin(reason: string): void {
    this.loginRequests.push(reason);
  }

  projectSaved(project: { id: string; name: string; version: number }): void {
    this.saved.push(project);
  }

  reportHeight(height: number): void {
    this.heights.push(height);
  }

  async requestBasket(basket: Parameters<PlannerServices['requestBasket']>[0]): Promise<boolean> {
    this.baskets.push(clone(basket));
    return true;
  }

  track(event: AnalyticsEvent): void {
    this.analytics.push(clone(event));
  }

  async #call(method: string, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    else await Promise.resolve();
    const failure = this.#failures.get(method)?.shift();
    if (failure !== undefined) throw failure;
  }

  /** As the platform's middleware: `request` (method, path, body) is what a replay must match. */
  #idempotently<T extends VersionedProject | undefined>(
    method: string,
    request: string,
    options: CallOptions | undefined,
    apply: () => T,
  ): T {
    const key = options?.idempotencyKey;
    const stored = key === undefined ? undefined : this.#idempotent.get(key);
    if (stored) {
      if (stored.request !== request) {
        throw new ApiClientError(
          'HTTP_ERROR',
          'This Idempotency-Key was already used with a different request.',
          {
            status: 422,
            platformError: 'idempotency_key_reused',
          },
        );
      }
      return (stored.answer && { project: clone(stored.answer.project), etag: stored.answer.etag }) as T;
    }
    const result = apply();
    if (key !== undefined) this.#idempotent.set(key, { request, answer: result });
    if (this.#lostResponses.delete(method)) {
      throw new ApiClientError('NETWORK_ERROR', 'Failed to fetch');
    }
    return result;
  }
}

const notFound = () =>
  new ApiClientError('HTTP_ERROR', 'No such project.', { status: 404, platformError: 'not_found' });
const conflict = () => new ApiClientError('CONFLICT', 'The project was changed elsewhere.', { status: 412 });

/** `If-Match` as the platform compares it: `*`, or a list of strong ETags (weak ones never match). */
function ifMatch(header: string, version: number): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim() === `"v${version}"`);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A `Storage` in memory, for drafts in tests; `failWrites` makes `setItem` throw like a full quota. */
export class MemoryStorage implements Storage {
  #data = new Map<string, string>();
  failWrites = false;

  get length(): number {
    return this.#data.size;
  }

  clear(): void {
    this.#data.clear();
  }

  getItem(key: string): string | null {
    return this.#data.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.#data.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.#data.delete(key);
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    this.#data.set(key, value);
  }
}

/** The draft owner a real session would have: one legal entity, `le-test`, and its users. */
function ownerOf(state: SessionState, previous: string | null): string | null {
  switch (state.status) {
    case 'visitor':
      return 'visitor:le-test';
    case 'signed-in':
      return `user:le-test:${state.userId}`;
    case 'connecting':
      return null;
    default:
      // Renewing, offline, failed renewal: the same token, the same owner.
      return previous;
  }
}
