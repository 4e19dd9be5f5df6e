import { readFile } from 'node:fs/promises';
import { ApiKeyOperations, createApiKey, createLegalEntity } from '@planner/platform';
import { bearer, type TestCluster } from './testing.ts';

/** Issue 10's six revocations, each of a credential that works until it is revoked. */
export const REVOCATION_KINDS = [
  'api_key',
  'static_token',
  'backend_profile_disabled',
  'oauth_chain',
  'consumer_removed',
  'subscription_changed',
] as const;
export type RevocationKind = (typeof REVOCATION_KINDS)[number];

/** A credential accepted everywhere, and how one instance (or the operator's CLI) revokes it. */
export interface RevocationCase {
  kind: RevocationKind;
  /** Who revokes it: an instance's name, or `operator` (the CLI's code, in this process). */
  revoker: string;
  /** The status of a guarded request with the credential through `url` (an instance or the balancer). */
  probe(url: string): Promise<number>;
  /** The status once it is revoked. */
  refused: number;
  revoke(): Promise<void>;
}

export class RevocationSetupError extends Error {
  readonly code = 'revocation_setup_failed';
  override readonly name = 'RevocationSetupError';
}

const status = async (response: Promise<Response>) => {
  const answer = await response;
  await answer.body?.cancel();
  return answer.status;
};

/**
 * Makes revocation cases over HTTP against the cluster's instances, as an operator and a
 * host would: the admin API, the token endpoints, OAuth. Case `n` is set up on one instance
 * and revoked on the next, so the revoking instance is never the only one that knew it.
 */
export async function revocationCases(t: TestCluster) {
  const adminToken = (await readFile(t.cluster.adminTokenFile, 'utf8')).trim();
  const { instances } = t.cluster;
  const { db, master } = t.cluster.admin.services;

  async function call<T>(url: string, path: string, init: RequestInit, expected: number): Promise<T> {
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    if (response.status !== expected)
      throw new RevocationSetupError(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
  const admin = <T>(url: string, method: string, path: string, body?: unknown, expected = 200) =>
    call<T>(
      url,
      `/admin/api${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      expected,
    );
  const form = <T>(url: string, path: string, params: Record<string, string>, headers = {}) =>
    call<T>(
      url,
      path,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(params).toString(),
      },
      200,
    );
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  /** A legal entity subscribed to the back-end services, with a back-end profile. */
  async function backend(url: string, n: number) {
    const entity = await createLegalEntity(db, { name: `Revocations ${n}`, origins: [] });
    await admin(url, 'PUT', `/legal-entities/${entity.id}/subscription`, {
      services: ['reporting', 'messagebox'],
    });
    const profile = await admin<{ id: string; access_key: string }>(
      url,
      'POST',
      `/legal-entities/${entity.id}/backend-profiles`,
      { name: `ERP ${n}`, external_system: 'SAP S/4HANA' },
      201,
    );
    return { entityId: entity.id, profile };
  }
  const standardToken = async (url: string, accessKey: string) =>
    (
      await call<{ access_token: string }>(
        url,
        '/v1/backend/tokens',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ access_key: accessKey }),
        },
        200,
      )
    ).access_token;
  async function oauth(url: string, n: number) {
    const consumer = await admin<{ consumer_key: string; consumer_secret: string }>(
      url,
      'POST',
      `/legal-entities/${t.legalEntityId}/oauth-consumers`,
      { user_id: `oauth-user-${n}` },
      201,
    );
    const tokens = await form<{ access_token: string; refresh_token: string }>(url, '/oauth/token', {
      grant_type: 'password',
      username: consumer.consumer_key,
      password: consumer.consumer_secret,
    });
    return { consumer, tokens };
  }
  const me = (token: string) => (url: string) => status(fetch(`${url}/v1/me`, bearer(token)));
  const usage = (token: string) => (url: string) => status(fetch(`${url}/v1/reporting/usage`, bearer(token)));

  return async function prepare(kind: RevocationKind, n: number): Promise<RevocationCase> {
    const setUp = instances[(n + 1) % instances.length]!.url;
    const revoking = instances[n % instances.length]!;
    const on = { kind, revoker: revoking.options.name };
    switch (kind) {
      case 'api_key': {
        // API keys are revoked with the CLI (no admin route): its code, on the same database.
        const key = await createApiKey(db, master, t.legalEntityId, `revoked ${n}`);
        const jwt = await t.userToken(setUp, `api-key-user-${n}`, key);
        const operations = new ApiKeyOperations({ ...t.cluster.admin.services, actor: 'cli' });
        return {
          ...on,
          revoker: 'operator',
          probe: me(jwt),
          refused: 401,
          revoke: async () => void (await operations.revoke(key.id)),
        };
      }
      case 'static_token': {
        const { profile } = await backend(setUp, n);
        const { static_token } = await admin<{ static_token: string }>(
          setUp,
          'POST',
          `/backend-profiles/${profile.id}/static-token`,
          undefined,
          201,
        );
        return {
          ...on,
          probe: usage(static_token),
          refused: 401,
          revoke: async () =>
            void (await admin(revoking.url, 'DELETE', `/backend-profiles/${profile.id}/static-token`)),
        };
      }
      case 'backend_profile_disabled': {
        const { profile } = await backend(setUp, n);
        const token = await standardToken(setUp, profile.access_key);
        return {
          ...on,
          probe: usage(token),
          refused: 401,
          revoke: async () =>
            void (await admin(revoking.url, 'POST', `/backend-profiles/${profile.id}/disable`)),
        };
      }
      case 'oauth_chain': {
        const { consumer, tokens } = await oauth(setUp, n);
        return {
          ...on,
          probe: me(tokens.access_token),
          refused: 401,
          // RFC 7009: revoking the refresh token ends its grant's access tokens.
          revoke: async () =>
            void (await form(
              revoking.url,
              '/oauth/revoke',
              { token: tokens.refresh_token },
              { Authorization: basic(consumer.consumer_key, consumer.consumer_secret) },
            )),
        };
      }
      case 'consumer_removed': {
        const { consumer, tokens } = await oauth(setUp, n);
        return {
          ...on,
          probe: me(tokens.access_token),
          refused: 401,
          revoke: async () =>
            void (await admin(revoking.url, 'DELETE', `/oauth-consumers/${consumer.consumer_key}`)),
        };
      }
      case 'subscription_changed': {
        const { entityId, profile } = await backend(setUp, n);
        const token = await standardToken(setUp, profile.access_key);
        return {
          ...on,
          probe: usage(token),
          refused: 403,
          revoke: async () =>
            void (await admin(revoking.url, 'PUT', `/legal-entities/${entityId}/subscription`, {
              services: ['messagebox'],
            })),
        };
      }
    }
  };
}
