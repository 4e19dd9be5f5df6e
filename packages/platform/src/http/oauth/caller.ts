import type { Context } from 'hono';
import { findConsumer, secretMatches } from '../../oauth/consumers.ts';
import { clientAddress } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { ApiError, insufficientScope } from '../errors.ts';
import { invalidClient, tooManyRequests } from './errors.ts';
import { readClientCredentials } from './form.ts';

/**
 * Who calls the revocation or introspection endpoint (RFC 7009 §2.1, RFC 7662 §2.1 require
 * the caller to authenticate):
 * - an OAuth consumer (HTTP Basic, or client_id + client_secret): its own tokens;
 * - a back-end of a legal entity (`Bearer` standard or static token): that legal entity's tokens;
 * - the operator (`Bearer` admin token): every token.
 */
export type OAuthCaller =
  | { kind: 'consumer'; consumerKey: string; legalEntityId: string }
  | { kind: 'backend'; profileId: string; legalEntityId: string }
  | { kind: 'operator' };

/** What a token belongs to, to decide whether the caller may see it. */
export interface TokenOwner {
  legalEntityId: string;
  consumerKey?: string;
}

export const mayAccess = (caller: OAuthCaller, owner: TokenOwner): boolean =>
  caller.kind === 'operator' ||
  (caller.kind === 'backend' && caller.legalEntityId === owner.legalEntityId) ||
  (caller.kind === 'consumer' && caller.consumerKey === owner.consumerKey);

/**
 * Authenticates the caller. Failed attempts count against the caller's address, so these
 * endpoints cannot be used to guess secrets faster than the token URL allows.
 */
export async function authenticateCaller(
  c: Context<AppEnv>,
  form: Map<string, string>,
): Promise<OAuthCaller> {
  const { services } = c.var;
  const address = `address:${clientAddress(c, services.config.trustProxy)}`;
  const allowed = services.limiters.perAddress.peek(address);
  if (!allowed.ok) throw tooManyRequests(allowed.retryAfter);
  try {
    return await identify(c, form);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) services.limiters.perAddress.take(address);
    throw error;
  }
}

async function identify(c: Context<AppEnv>, form: Map<string, string>): Promise<OAuthCaller> {
  const { services } = c.var;
  const bearer = /^Bearer +(\S+)$/i.exec(c.req.header('Authorization') ?? '');
  if (bearer) {
    const token = bearer[1]!;
    if (services.operator?.matches(token)) return { kind: 'operator' };
    const principal = await services.bearer.resolve(token);
    if (principal.kind !== 'backend') {
      throw insufficientScope(
        'backend',
        'Only a back-end token or the operator token may call this endpoint with Bearer.',
      );
    }
    return { kind: 'backend', profileId: principal.sub, legalEntityId: principal.le };
  }
  const client = readClientCredentials(c, form);
  if (!client) {
    throw invalidClient(
      'Authenticate: HTTP Basic with the consumer key and secret, a back-end token, or the operator token.',
    );
  }
  const consumer = await findConsumer(services.db, client.clientId);
  if (!consumer || consumer.revokedAt || !secretMatches(consumer, client.clientSecret)) {
    throw invalidClient(
      'Unknown or revoked consumer, or a wrong secret.',
      client.method === 'client_secret_basic',
    );
  }
  return { kind: 'consumer', consumerKey: consumer.consumerKey, legalEntityId: consumer.legalEntityId };
}
