import { createMiddleware } from 'hono/factory';
import type { TokenKind } from '../../schemas/tokens.ts';
import { hasScope } from '../../tokens/claims.ts';
import type { AppEnv } from '../env.ts';
import { insufficientScope, invalidToken } from '../errors.ts';

const BEARER = /^Bearer +([\w.~+/-]+=*)$/i;

/**
 * RFC 6750 bearer authentication. `kinds` lists the token kinds the route serves and
 * `scope` the scope it needs; anything else is 403 `insufficient_scope`.
 */
export const bearerAuth = (need: { kinds?: readonly TokenKind[]; scope?: 'read' | 'write' } = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) throw invalidToken('An access token is required.');
    const match = BEARER.exec(header);
    if (!match) throw invalidToken('The Authorization header is not a Bearer token.');
    const claims = await c.var.services.tokens.verify(match[1]!);
    if (need.kinds && !need.kinds.includes(claims.kind)) {
      throw insufficientScope(
        need.scope ?? 'read',
        claims.kind === 'legal_entity'
          ? 'A legal-entity token may only read the catalog: a user token is needed.'
          : 'This token kind cannot use this service.',
      );
    }
    const scope = need.scope ?? 'read';
    if (!hasScope(claims, scope)) {
      throw insufficientScope(scope, `The token lacks the "${scope}" scope.`);
    }
    c.set('claims', claims);
    await next();
  });
