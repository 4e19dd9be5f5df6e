import { type LegalEntity, requireLegalEntity } from '../../../accounts/legal-entities.ts';
import type { BackendProfile, BackendProfileDetails } from '../../../backends/backend-profiles.ts';
import type { OAuthConsumer } from '../../../oauth/consumers.ts';
import type { Services } from '../../../services.ts';

// The admin API's answers in its wire shape (snake_case, as `schemas/admin.ts` describes),
// one function per record, shared by every resource that answers it.

export const entityJson = (le: LegalEntity) => ({
  id: le.id,
  name: le.name,
  default_token_lifetime: le.defaultTokenLifetime,
  oauth_token_lifetime: le.oauthTokenLifetime,
  origins: le.origins,
  services: le.services as ('reporting' | 'messagebox')[],
  created_at: le.createdAt,
});

export const profileJson = (p: BackendProfile) => ({
  id: p.id,
  legal_entity_id: p.legalEntityId,
  name: p.name,
  external_system: p.externalSystem,
  created_at: p.createdAt,
  status: p.status,
  disabled_at: p.disabledAt,
  static_token: p.staticToken && { id: p.staticToken.id, created_at: p.staticToken.createdAt },
});

export const detailsJson = async (services: Services, p: BackendProfileDetails) => ({
  ...profileJson(p),
  access_key: p.accessKey,
  access_key_rotated_at: p.accessKeyRotatedAt,
  previous_access_key_expires_at: p.previousAccessKeyExpiresAt,
  services: entityJson(await requireLegalEntity(services.db, p.legalEntityId)).services,
});

export const consumerJson = (c: OAuthConsumer) => ({
  consumer_key: c.consumerKey,
  legal_entity_id: c.legalEntityId,
  user_id: c.externalUserId,
  label: c.label,
  scope: c.scope,
  created_at: c.createdAt,
  revoked_at: c.revokedAt,
});
