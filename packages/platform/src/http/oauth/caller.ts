import type { Context } from 'hono';
import { clientGroup } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { ApiError, insufficientScope } from '../errors.ts';
import { underFailureLimits } from '../failure-limits.ts';
import { verifyConsumer } from './consumer-auth.ts';
import { invalidClient } from './errors.ts';
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
 * Authenticates the caller. Failed attempts count as they do at the token URL (per address,
 * and a consumer's per consumer and address), so these endpoints cannot be used to guess
 * secrets faster than it allows.
 */
export async function authenticateCaller(
  c: Context<AppEnv>,
  form: Map<string, string>,
): Promise<OAuthCaller> {
  const services = c.get('services');
  const bearer = /^Bearer +(\S+)$/i.exec(c.req.header('Authorization') ?? '');
  if (bearer) {
    const token = bearer[1]!;
    const refusal: { error?: unknown } = {};
    const caller = await underFailureLimits(
      [{ limiter: services.limiters.authFailures, key: clientGroup(c) }],
      async () => {
        try {
          return await bearerCaller(c, token);
        } catch (error) {
          // Only a token that authenticates nobody is a failed guess; a 403 is not.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
          refusal.error = error;
          return undefined;
        }
      },
    );
    if (!caller) throw refusal.error;
    return caller;
  }
  const client = readClientCredentials(c, form);
  if (!client) {
    throw invalidClient(
      'Authenticate: HTTP Basic with the consumer key and secret, a back-end token, or the operator token.',
    );
  }
  const consumer = await verifyConsumer(c, client.clientId, client.clientSecret);
  if (!consumer) {
    throw invalidClient(
      'Unknown or revoked consumer, or a wrong secret.',
      client.method === 'client_secret_basic',
    );
  }
  return { kind: 'consumer', consumerKey: consumer.consumerKey, legalEntityId: consumer.legalEntityId };
}

async function bearerCaller(c: Context<AppEnv>, token: string): Promise<OAuthCaller> {
  const services = c.get('services');
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
