import { deactivateStaticTokenByHash } from '../../backends/static-tokens.ts';
import { revokeAccessToken, revokeGrant } from '../../oauth/grants.ts';
import type { Services } from '../../services.ts';
import { isOpaqueShape } from '../../tokens/opaque-tokens.ts';
import { announce } from '../../tokens/revocation-events.ts';
import { ApiError } from '../errors.ts';
import type { TokenOwner } from './caller.ts';

/** A token as revocation and introspection see it. */
export interface InspectedToken {
  owner: TokenOwner;
  active: boolean;
  /** RFC 7662 §2.2 members, with ours (`kind`, `token_use`, `le`). */
  claims: Record<string, unknown>;
  /** Ends it (RFC 7009); undefined for a kind that cannot be revoked (JWTs). */
  revoke?: () => Promise<void>;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

const profileUsable = (services: Services, profileId: string, keyVersion?: number): Promise<boolean> =>
  services.backendProfiles.assertUsable(profileId, keyVersion === undefined ? {} : { keyVersion }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError) return false;
      throw error;
    },
  );

/**
 * Finds what a token is, whoever it belongs to; undefined when it is none of ours. A JWT
 * that fails verification counts as none of ours: its claims cannot be trusted.
 */
export async function inspectToken(services: Services, token: string): Promise<InspectedToken | undefined> {
  const { config, db, now, opaqueTokens } = services;
  const base = { iss: config.publicUrl, aud: config.audience, token_type: 'Bearer' };
  if (!isOpaqueShape(token)) {
    // Refused (expired, forged, revoked key...) means inactive; a failure of ours stays a 500.
    const claims = await services.tokens.verify(token).catch((error: unknown) => {
      if (error instanceof ApiError) return undefined;
      throw error;
    });
    if (!claims) return undefined;
    // A standard token of a disabled or deleted profile, or of a rotated-out key, is as dead
    // as an expired one.
    if (claims.kind === 'backend' && !(await profileUsable(services, claims.sub, claims.akv ?? 1))) {
      return undefined;
    }
    return {
      owner: { legalEntityId: claims.le },
      active: true,
      claims: {
        ...base,
        token_use: claims.kind === 'backend' ? 'standard_token' : 'access_token',
        kind: claims.kind,
        scope: claims.scope,
        client_id: claims.client_id,
        sub: claims.sub,
        ...(claims.kind !== 'backend' && claims.uid ? { username: claims.uid } : {}),
        le: claims.le,
        iat: claims.iat,
        exp: claims.exp,
        jti: claims.jti,
      },
    };
  }

  const found = await opaqueTokens.find(token);
  if (!found) return undefined;
  switch (found.type) {
    case 'static_token': {
      const { record } = found;
      return {
        owner: { legalEntityId: record.legalEntityId },
        active: !record.deactivatedAt && (await profileUsable(services, record.profileId)),
        claims: {
          ...base,
          token_use: 'static_token',
          kind: 'backend',
          // Like the token itself: the subscription's services as they are now.
          scope: (await services.subscriptions.services(record.legalEntityId)).join(' '),
          client_id: record.profileId,
          sub: record.profileId,
          le: record.legalEntityId,
          iat: seconds(Date.parse(record.createdAt)),
        },
        revoke: async () => {
          if (await deactivateStaticTokenByHash(db, record.tokenHash, now())) {
            opaqueTokens.forgetHash(record.tokenHash);
            await announce(db, { kind: 'opaque_token', id: record.tokenHash });
            services.log.info('static_token.deactivated', { profile: record.profileId, via: 'revocation' });
          }
        },
      };
    }
    case 'oauth_access_token':
    case 'oauth_refresh_token': {
      const { record } = found;
      const refresh = found.type === 'oauth_refresh_token';
      return {
        owner: { legalEntityId: record.legalEntityId, consumerKey: record.consumerKey },
        active: !record.revoked && !record.used && record.expiresAt > now(),
        claims: {
          ...(refresh ? { iss: base.iss } : base),
          token_use: refresh ? 'refresh_token' : 'access_token',
          kind: 'oauth',
          scope: record.scope,
          client_id: record.consumerKey,
          sub: record.userId,
          username: record.externalUserId,
          le: record.legalEntityId,
          iat: seconds(record.issuedAt),
          exp: seconds(record.expiresAt),
        },
        revoke: refresh
          ? async () => {
              // RFC 7009 §2.1: revoking a refresh token ends its grant's access tokens too.
              await revokeGrant(db, record.grantId, 'revoked', now());
              opaqueTokens.forgetGrant(record.grantId);
              await announce(db, { kind: 'oauth_grant', id: record.grantId });
            }
          : async () => {
              await revokeAccessToken(db, record.tokenHash, now());
              opaqueTokens.forgetHash(record.tokenHash);
              await announce(db, { kind: 'opaque_token', id: record.tokenHash });
            },
      };
    }
  }
}
