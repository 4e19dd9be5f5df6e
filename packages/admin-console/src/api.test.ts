import { describe, expect, it } from 'vitest';
import { AdminApi, AdminApiError, type FetchLike, signIn } from './api.ts';

interface Seen {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch that records calls and answers `status` with `body` as JSON. */
function fakeFetch(status: number, body: unknown): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch, seen };
}

const header = (s: Seen, name: string) => (s.init?.headers as Record<string, string> | undefined)?.[name];

describe('AdminApi', () => {
  it('sends the operator token as a Bearer token, never stored by a cache or sent with cookies', async () => {
    const { fetch, seen } = fakeFetch(200, { legal_entities: [] });
    await new AdminApi('adm_secret', { fetch }).legalEntities();
    expect(seen[0]?.url).toBe('/admin/api/legal-entities');
    expect(header(seen[0]!, 'Authorization')).toBe('Bearer adm_secret');
    expect(seen[0]?.init?.cache).toBe('no-store');
    expect(seen[0]?.init?.credentials).toBe('omit');
  });

  it('sends JSON bodies and escapes path segments', async () => {
    const { fetch, seen } = fakeFetch(201, { id: 'bp_1' });
    const api = new AdminApi('t', { fetch, base: 'https://platform.example/admin/api/' });
    await api.createBackendProfile('le/../x', { name: 'WMS', external_system: 'WMS 4.2' });
    expect(seen[0]?.url).toBe(
      'https://platform.example/admin/api/legal-entities/le%2F..%2Fx/backend-profiles',
    );
    expect(seen[0]?.init?.method).toBe('POST');
    expect(header(seen[0]!, 'Content-Type')).toBe('application/json');
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({ name: 'WMS', external_system: 'WMS 4.2' });

    await api.setSubscription('le1', ['reporting']);
    expect(seen[1]?.init?.method).toBe('PUT');
    await api.deactivateStaticToken('bp_1');
    expect(seen[2]).toMatchObject({ url: expect.stringContaining('/backend-profiles/bp_1/static-token') });
    expect(seen[2]?.init?.method).toBe('DELETE');
    expect(header(seen[2]!, 'Content-Type')).toBeUndefined();
  });

  it('rotates, disables, enables and deletes a profile with the routes the platform documents', async () => {
    const { fetch, seen } = fakeFetch(200, { id: 'bp_1' });
    const api = new AdminApi('t', { fetch });
    await api.rotateAccessKey('bp_1');
    await api.rotateAccessKey('bp_1', 3600);
    await api.disableBackendProfile('bp_1');
    await api.enableBackendProfile('bp_1');
    await api.deleteBackendProfile('bp/1');
    const calls = seen.map((s) => [s.init?.method, s.url, s.init?.body ?? null]);
    expect(calls).toEqual([
      ['POST', '/admin/api/backend-profiles/bp_1/access-key', '{}'],
      ['POST', '/admin/api/backend-profiles/bp_1/access-key', '{"overlap_seconds":3600}'],
      ['POST', '/admin/api/backend-profiles/bp_1/disable', null],
      ['POST', '/admin/api/backend-profiles/bp_1/enable', null],
      ['DELETE', '/admin/api/backend-profiles/bp%2F1', null],
    ]);
    expect(header(seen[0]!, 'Content-Type')).toBe('application/json');
  });

  it('turns refusals into AdminApiError with the platform’s words; 401 in the operator’s', async () => {
    const conflict = fakeFetch(409, {
      error: 'subscription_required',
      error_description: 'No back-end services.',
    });
    const error = await new AdminApi('t', { fetch: conflict.fetch })
      .createBackendProfile('le1', { name: 'a', external_system: 'b' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'subscription_required',
      message: 'No back-end services.',
    });
    expect((error as AdminApiError).unauthorized).toBe(false);

    const refused = fakeFetch(401, { error: 'invalid_token', error_description: 'needs the operator token' });
    const e401 = await new AdminApi('t', { fetch: refused.fetch }).legalEntities().catch((e: unknown) => e);
    expect((e401 as AdminApiError).unauthorized).toBe(true);
    expect((e401 as AdminApiError).message).toMatch(/operator token was refused/);
  });

  it('copes with answers that are not JSON, and with no answer at all', async () => {
    const html: FetchLike = async () => new Response('<h1>Bad gateway</h1>', { status: 502 });
    await expect(new AdminApi('t', { fetch: html }).legalEntities()).rejects.toMatchObject({
      status: 502,
      message: 'The platform answered 502.',
    });
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(new AdminApi('t', { fetch: down }).legalEntities()).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });
});

describe('signIn', () => {
  it('trims the pasted token and checks it with the platform', async () => {
    const { fetch, seen } = fakeFetch(200, { legal_entities: [{ id: 'le1', name: 'Shop' }] });
    const session = await signIn('  adm_secret\n', { fetch });
    expect(session.token).toBe('adm_secret');
    expect(session.legalEntities).toHaveLength(1);
    expect(header(seen[0]!, 'Authorization')).toBe('Bearer adm_secret');
  });

  it('refuses an empty token without asking the platform', async () => {
    const { fetch, seen } = fakeFetch(200, {});
    await expect(signIn('   ', { fetch })).rejects.toMatchObject({ message: 'Paste the operator token.' });
    expect(seen).toHaveLength(0);
  });

  it('says so when the admin API is disabled (404)', async () => {
    const { fetch } = fakeFetch(404, {
      error: 'not_found',
      error_description:
        'The admin API is disabled on this instance: start the platform with PLANNER_ADMIN_TOKEN.',
    });
    await expect(signIn('adm_x', { fetch })).rejects.toMatchObject({ message: /PLANNER_ADMIN_TOKEN/ });
  });
});
