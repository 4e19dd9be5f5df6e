import { createMiddleware } from 'hono/factory';
import type { BackendService } from '../../accounts/subscriptions.ts';
import { type PrincipalKind, principalHasScope } from '../../tokens/principal.ts';
import type { AppEnv } from '../env.ts';
import { insufficientScope, malformedAuthorization, missingToken } from '../errors.ts';

/** RFC 6750 §2.1: `Bearer` 1*SP b64token. */
const B64TOKEN = /^[\w.~+/-]+=*$/;

/**
 * The bearer token of an Authorization header, per RFC 6750: none (or another scheme) is a
 * bare 401 challenge; a Bearer credential that is not one b64token (spaces, commas of two
 * headers, quotes, nothing) is a malformed request, 400 `invalid_request`. `syntax` is the
 * credential's own shape where it is wider (the operator token: any non-space characters).
 */
export function bearerTokenOf(header: string | undefined, syntax: RegExp = B64TOKEN): string {
  const scheme = /^(\S+)(?: +(.*))?$/s.exec(header ?? '');
  if (!scheme || scheme[1]!.toLowerCase() !== 'bearer') throw missingToken('An access token is required.');
  const token = scheme[2] ?? '';
  if (!syntax.test(token)) throw malformedAuthorization('The Authorization header is not one Bearer token.');
  return token;
}

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
    const token = bearerTokenOf(c.req.header('Authorization'));
    const services = c.get('services');
    const principal = await services.bearer.resolve(token);
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
