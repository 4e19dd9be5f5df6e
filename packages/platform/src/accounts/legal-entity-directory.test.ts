import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  admin,
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';
import { LEGAL_ENTITY_TTL_MS } from './legal-entity-directory.ts';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(() => tp.close());

describe('legal entities on the hot paths (issue 13)', () => {
  it('serves GET /v1/me from the verified token and the cache: no database read per call', async () => {
    const { apiKey } = await onboardHost(tp, { name: 'Cached Shop' });
    const token = await tokenFor(
      tp,
      { id: apiKey.id, secretKey: apiKey.secretKey },
      { kind: 'legal_entity' },
    );
    const first = await fetch(`${tp.url}/v1/me`, authed(token));
    expect(first.status).toBe(200);
    const query = vi.spyOn(tp.platform.services.db, 'query');
    try {
      const again = await fetch(`${tp.url}/v1/me`, authed(token));
      expect(await again.json()).toMatchObject({ legal_entity: { name: 'Cached Shop' } });
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
  });

  it('puts an origin added a moment ago into the next token, cache or not', async () => {
    const { legalEntity, apiKey } = await onboardHost(tp, { origins: ['https://one.example'] });
    const key = { id: apiKey.id, secretKey: apiKey.secretKey };
    const before = decodeJwt(await tokenFor(tp, key, { kind: 'legal_entity' }));
    expect(before.origins).toEqual(['https://one.example']);
    const added = await admin(tp, 'POST', `/legal-entities/${legalEntity.id}/origins`, {
      origin: 'https://two.example',
    });
    expect(added.status).toBe(200);
    const after = decodeJwt(await tokenFor(tp, key, { kind: 'legal_entity' }));
    expect(after.origins).toEqual(['https://one.example', 'https://two.example']);
  });

  it('shows an unannounced change (the default lifetime) within the TTL', async () => {
    const { legalEntity, apiKey } = await onboardHost(tp, { defaultTokenLifetime: 900 });
    const key = { id: apiKey.id, secretKey: apiKey.secretKey };
    const lifetime = async () => {
      const claims = decodeJwt(await tokenFor(tp, key, { kind: 'legal_entity' }));
      return claims.exp! - claims.iat!;
    };
    expect(await lifetime()).toBe(900);
    await tp.platform.services.db.query(
      'update legal_entities set default_token_lifetime = 600 where id = $1',
      [legalEntity.id],
    );
    expect(await lifetime()).toBe(900);
    tp.clock.advance(LEGAL_ENTITY_TTL_MS / 1000);
    expect(await lifetime()).toBe(600);
  });
});
