import type { BackendProfileDirectory } from '../backends/backend-profile-directory.ts';
import { invalidToken } from '../http/errors.ts';
import type { AccessTokens } from './access-tokens.ts';
import { isOpaqueShape, type OpaqueToken, type OpaqueTokenDirectory } from './opaque-tokens.ts';
import { type Principal, principalFromJwt } from './principal.ts';
import type { SubscriptionDirectory } from './subscription-directory.ts';

/**
 * Turns any bearer token the platform issues into a `Principal`: the planner's and the
 * back-ends' JWTs, static tokens and OAuth access tokens. The shape tells them apart (three
 * dot-separated parts, or a prefix), so each is checked by the one verifier it belongs to.
 * Anything else is an RFC 6750 `invalid_token`.
 */
export class BearerTokens {
  constructor(
    private readonly jwts: AccessTokens,
    private readonly opaque: OpaqueTokenDirectory,
    private readonly subscriptions: SubscriptionDirectory,
    private readonly profiles: BackendProfileDirectory,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(token: string): Promise<Principal> {
    if (!isOpaqueShape(token)) {
      const claims = await this.jwts.verify(token);
      // Checked after the verification cache, on every request: disabling or deleting the
      // profile, or rotating its key, ends a standard token at once.
      if (claims.kind === 'backend')
        await this.profiles.assertUsable(claims.sub, { keyVersion: claims.akv ?? 1 });
      return principalFromJwt(claims);
    }
    const found = await this.opaque.find(token);
    if (!found) throw invalidToken('The access token is unknown.');
    return this.principalOf(found);
  }

  /** The principal of a stored token, or `invalid_token` when it no longer works. */
  async principalOf(found: OpaqueToken): Promise<Principal> {
    switch (found.type) {
      case 'static_token': {
        const { record } = found;
        if (record.deactivatedAt) throw invalidToken('The static token was deactivated.');
        await this.profiles.assertUsable(record.profileId, {});
        // A static token follows its legal entity's subscription as it changes: it never
        // expires, so a scope frozen at generation would go stale.
        const services = await this.subscriptions.services(record.legalEntityId);
        return {
          kind: 'backend',
          credential: 'static_token',
          le: record.legalEntityId,
          sub: record.profileId,
          clientId: record.profileId,
          scope: services.join(' '),
          exp: null,
          tokenId: record.id,
        };
      }
      case 'oauth_access_token': {
        const { record } = found;
        if (record.revoked) throw invalidToken('The access token was revoked.');
        if (record.expiresAt <= this.now()) throw invalidToken('The access token expired.');
        return {
          kind: 'oauth',
          credential: 'oauth_token',
          le: record.legalEntityId,
          sub: record.userId,
          uid: record.externalUserId,
          clientId: record.consumerKey,
          scope: record.scope,
          exp: Math.floor(record.expiresAt / 1000),
          tokenId: record.tokenHash.slice(0, 12),
        };
      }
      case 'oauth_refresh_token':
        throw invalidToken('A refresh token is not an access token: exchange it at the token URL.');
    }
  }
}
