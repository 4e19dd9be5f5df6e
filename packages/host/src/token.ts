import { type AuthenticationMessage, type LoginMessage, message, type TokenKind } from '@planner/protocol';
import { EmbedError } from './errors.ts';

// The shape and bound the protocol's validator requires (the same expression, so gzip shares
// it): a token that fails them would be ignored by the planner, so we refuse to send it.
const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const MAX_TOKEN = 8192;

/** The message that carries a token: `Login` for a user token, `Authentication` otherwise. */
export type TokenMessage = AuthenticationMessage | LoginMessage;

// Claims are read without verifying the signature: the host only needs the kind to pick the
// message type and the lifetime to renew in time, and the planner verifies the token itself.
// JWTs use unpadded base64url, which `atob` accepts once the alphabet is mapped back.
const claimsOf = (token: string): { kind?: unknown; iat?: unknown; exp?: unknown } => {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) ?? {};
  } catch {
    return {};
  }
};

const kindOf = (token: string): TokenKind | undefined => {
  const { kind } = claimsOf(token);
  return kind === 'user' || kind === 'legal_entity' ? kind : undefined;
};

/** Renew this long before the end: a quarter of the token's life, at most 5 minutes. */
const RENEW_BEFORE_MS = 300_000;

/**
 * How long after its delivery a token should be renewed (`autoRenewSession`), ms: its lifetime
 * (`exp - iat`, elapsed time, so the page's clock error cancels out) less a quarter of it, at
 * most 5 minutes. The planner asks for itself a minute before the end, so this comes first
 * and a shopper never waits on `TokenExpired`. `undefined` for a token without those claims.
 */
export function renewAfter(token: string): number | undefined {
  const { iat, exp } = claimsOf(token);
  const life = ((exp as number) - (iat as number)) * 1000;
  return life > 0 ? life - Math.min(life / 4, RENEW_BEFORE_MS) : undefined;
}

/**
 * Wraps a token in the message its `kind` claim calls for. Throws `INVALID_TOKEN` for anything
 * the planner would ignore (not a JWT, no known kind), so we never post a message that goes
 * nowhere. The error never carries the token.
 */
export function tokenMessage(token: unknown): TokenMessage {
  const kind = typeof token === 'string' && token.length <= MAX_TOKEN && JWT.test(token) && kindOf(token);
  if (!kind) throw new EmbedError('INVALID_TOKEN');
  return message<TokenMessage>(kind === 'user' ? 'Login' : 'Authentication', { token: token as string });
}
