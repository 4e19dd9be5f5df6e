import { createMiddleware } from 'hono/factory';
import type { BackendService } from '../../accounts/subscriptions.ts';
import { type PrincipalKind, principalHasScope } from '../../tokens/principal.ts';
import type { AppEnv } from '../env.ts';
import { insufficientScope, invalidToken } from '../errors.ts';

const BEARER = /^Bearer +([\w.~+/-]+=*)$/i;

const LABEL: Record<PrincipalKind, string> = {
  legal_entity: 'legal-entity',
  user: 'user',
  backend: 'back-end',
  oauth: 'OAuth',
};

export interface BearerNeed {
  /** The principal kinds the route serves (default: all). */
  kinds?: readonly PrincipalKind[];
  /** The scope a planner or OAuth token needs (default `read`). */
  scope?: 'read' | 'write';
  /** The back-end service a back-end token needs, in its scope and its subscription. */
  service?: BackendService;
}

/**
 * RFC 6750 bearer authentication for every kind of token the platform issues (see
 * `BearerTokens`). `kinds` lists who the route serves, `scope` what a planner or OAuth token
 * needs, `service` what a back-end needs; anything else is 403 `insufficient_scope`.
 */
export const bearerAuth = (need: BearerNeed = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) throw invalidToken('An access token is required.');
    const match = BEARER.exec(header);
    if (!match) throw invalidToken('The Authorization header is not a Bearer token.');
    const { services } = c.var;
    const principal = await services.bearer.resolve(match[1]!);
    const scope = need.service ?? need.scope ?? 'read';

    if (need.kinds && !need.kinds.includes(principal.kind)) {
      throw insufficientScope(
        scope,
        principal.kind === 'legal_entity' && need.kinds.includes('user')
          ? 'A legal-entity token may only read the catalog: a user token is needed.'
          : `A ${LABEL[principal.kind]} token cannot use this service.`,
      );
    }
    if (principal.kind === 'backend') {
      // Seed 000: a back-end may call only the services of its legal entity's subscription,
      // as it is now (a standard token's scope names those of when it was issued).
      if (need.service) {
        const subscribed = await services.subscriptions.services(principal.le);
        if (!principalHasScope(principal, need.service) || !subscribed.includes(need.service)) {
          throw insufficientScope(
            need.service,
            `The subscription does not include the ${need.service} service.`,
          );
        }
      }
    } else if (!principalHasScope(principal, scope)) {
      throw insufficientScope(scope, `The token lacks the "${scope}" scope.`);
    }

    if (principal.kind === 'user' || principal.kind === 'oauth') {
      await services.usage.activeUser(principal.le, principal.sub);
    }
    c.set('principal', principal);
    await next();
  });
