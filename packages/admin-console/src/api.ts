import { msg, str } from '@lit/localize';
import type {
  AdminCatalog,
  AdminLegalEntity,
  BackendProfile,
  BackendProfileDetails,
  BackendService,
  Catalog,
  CatalogImportProblem,
  CatalogImportResult,
  DeactivatedStaticToken,
  GrantedScope,
  NewOAuthConsumer,
  NewStaticToken,
  OAuthConsumer,
} from '@planner/contract';

/**
 * The admin API (`/admin/api/*`) as the console uses it. The shapes are the contract's
 * (`@planner/contract`), which the platform's admin schemas are pinned to.
 */

export {
  type AdminCatalog,
  BACKEND_SERVICES,
  type BackendProfile,
  type BackendProfileDetails,
  type BackendService,
  type CatalogImportProblem,
  type CatalogImportResult,
  type DeactivatedStaticToken,
  type NewOAuthConsumer,
  type NewStaticToken,
  type OAuthConsumer,
} from '@planner/contract';

import { failedCallText } from './text/error-text.ts';
export type LegalEntity = AdminLegalEntity;
export type ConsumerScope = GrantedScope;

/**
 * A refused request: the HTTP status and the platform's `{ error, error_description }`. Its
 * message is the sentence for it (`text/error-text.ts`) in the language of the moment it failed.
 */
export class AdminApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The platform's `error_description`, when it gave one. */
  readonly description: string | undefined;
  /** A refused catalog import's problems, by row and field (`422 catalog_invalid`). */
  readonly problems: CatalogImportProblem[];

  constructor(status: number, code: string, description?: string, problems: CatalogImportProblem[] = []) {
    super(failedCallText({ status, code, description }));
    this.name = 'AdminApiError';
    this.status = status;
    this.code = code;
    this.description = description;
    this.problems = problems;
  }

  /** The operator token was refused: the console must ask for it again. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const enc = encodeURIComponent;

export class AdminApi {
  readonly #token: string;
  readonly #base: string;
  readonly #fetch: FetchLike;

  /**
   * `fetch` is bound here: called as a method of this object, the browser's `fetch` would
   * throw "Illegal invocation".
   */
  constructor(token: string, options: { base?: string; fetch?: FetchLike } = {}) {
    this.#token = token;
    this.#base = (options.base ?? '/admin/api').replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async #call<T>(
    method: string,
    path: string,
    body?: unknown,
    raw?: { type: string; text: string },
  ): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#token}`,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (raw) headers['Content-Type'] = raw.type;
    let res: Response;
    try {
      res = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(raw ? { body: raw.text } : {}),
        // Answers carry access keys and one-time secrets.
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new AdminApiError(0, 'network_error');
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const error = (parsed ?? {}) as { error?: unknown; error_description?: unknown; errors?: unknown };
      const code = typeof error.error === 'string' ? error.error : 'http_error';
      const description = typeof error.error_description === 'string' ? error.error_description : undefined;
      const problems = Array.isArray(error.errors) ? (error.errors as CatalogImportProblem[]) : [];
      throw new AdminApiError(res.status, code, description, problems);
    }
    return parsed as T;
  }

  async legalEntities(): Promise<LegalEntity[]> {
    return (await this.#call<{ legal_entities: LegalEntity[] }>('GET', '/legal-entities')).legal_entities;
  }

  legalEntity(id: string): Promise<LegalEntity> {
    return this.#call('GET', `/legal-entities/${enc(id)}`);
  }

  setSubscription(id: string, services: BackendService[]): Promise<LegalEntity> {
    return this.#call('PUT', `/legal-entities/${enc(id)}/subscription`, { services });
  }

  async backendProfiles(legalEntityId: string): Promise<BackendProfile[]> {
    const path = `/legal-entities/${enc(legalEntityId)}/backend-profiles`;
    return (await this.#call<{ backend_profiles: BackendProfile[] }>('GET', path)).backend_profiles;
  }

  createBackendProfile(
    legalEntityId: string,
    input: { name: string; external_system: string },
  ): Promise<BackendProfileDetails> {
    return this.#call('POST', `/legal-entities/${enc(legalEntityId)}/backend-profiles`, input);
  }

  backendProfile(id: string): Promise<BackendProfileDetails> {
    return this.#call('GET', `/backend-profiles/${enc(id)}`);
  }

  /** A new access key; the old one is refused at once, or after `overlapSeconds`. */
  rotateAccessKey(profileId: string, overlapSeconds = 0): Promise<BackendProfileDetails> {
    const body = overlapSeconds > 0 ? { overlap_seconds: overlapSeconds } : {};
    return this.#call('POST', `/backend-profiles/${enc(profileId)}/access-key`, body);
  }

  disableBackendProfile(profileId: string): Promise<BackendProfile> {
    return this.#call('POST', `/backend-profiles/${enc(profileId)}/disable`);
  }

  enableBackendProfile(profileId: string): Promise<BackendProfile> {
    return this.#call('POST', `/backend-profiles/${enc(profileId)}/enable`);
  }

  deleteBackendProfile(profileId: string): Promise<BackendProfile> {
    return this.#call('DELETE', `/backend-profiles/${enc(profileId)}`);
  }

  generateStaticToken(profileId: string): Promise<NewStaticToken> {
    return this.#call('POST', `/backend-profiles/${enc(profileId)}/static-token`);
  }

  deactivateStaticToken(profileId: string): Promise<DeactivatedStaticToken> {
    return this.#call('DELETE', `/backend-profiles/${enc(profileId)}/static-token`);
  }

  async oauthConsumers(legalEntityId: string): Promise<OAuthConsumer[]> {
    const path = `/legal-entities/${enc(legalEntityId)}/oauth-consumers`;
    return (await this.#call<{ oauth_consumers: OAuthConsumer[] }>('GET', path)).oauth_consumers;
  }

  createOAuthConsumer(
    legalEntityId: string,
    input: { user_id: string; label?: string; scope?: ConsumerScope },
  ): Promise<NewOAuthConsumer> {
    return this.#call('POST', `/legal-entities/${enc(legalEntityId)}/oauth-consumers`, input);
  }

  revokeOAuthConsumer(consumerKey: string): Promise<OAuthConsumer> {
    return this.#call('DELETE', `/oauth-consumers/${enc(consumerKey)}`);
  }

  catalog(legalEntityId: string): Promise<AdminCatalog> {
    return this.#call('GET', `/legal-entities/${enc(legalEntityId)}/catalog`);
  }

  /** A page of the items on sale, with their variants, as the legal entity's planner gets them. */
  catalogItems(
    legalEntityId: string,
    query: { q?: string; offset?: number; limit?: number } = {},
  ): Promise<Catalog> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.size ? `?${params}` : '';
    return this.#call('GET', `/legal-entities/${enc(legalEntityId)}/catalog/items${search}`);
  }

  /**
   * Imports the whole catalog from a file's text, as its next version. A refusal is an
   * {@link AdminApiError} with every problem in `problems`; nothing was changed then.
   */
  importCatalog(
    legalEntityId: string,
    file: { format: 'json' | 'csv'; text: string },
  ): Promise<CatalogImportResult> {
    const type = file.format === 'csv' ? 'text/csv' : 'application/json';
    return this.#call('POST', `/legal-entities/${enc(legalEntityId)}/catalog/imports`, undefined, {
      type,
      text: file.text,
    });
  }
}

/** A message for any error a call may throw, in the current language where it is the console's. */
export function errorMessage(error: unknown): string {
  if (error instanceof AdminApiError) return failedCallText(error);
  return error instanceof Error ? error.message : String(error);
}

/**
 * Signs in: the token is only kept once the platform has accepted it. Answers the legal
 * entities, which the console shows next anyway.
 */
export async function signIn(token: string, options: { base?: string; fetch?: FetchLike } = {}) {
  const trimmed = token.trim();
  if (!trimmed) throw new AdminApiError(401, 'token_missing');
  const api = new AdminApi(trimmed, options);
  return { api, token: trimmed, legalEntities: await api.legalEntities() };
}
