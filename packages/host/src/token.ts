import { type AuthenticationMessage, type LoginMessage, message, type TokenKind } from '@planner/protocol';
import { EmbedError } from './errors.ts';

// The shape and bound the protocol's validator requires (the same expression, so gzip shares
// it): a token that fails them would be ignored by the planner, so we refuse to send it.
const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const MAX_TOKEN = 8192;

/** The message that carries a token: `Login` for a user token, `Authentication` otherwise. */
export type TokenMessage = AuthenticationMessage | LoginMessage;

// The kind is read without verifying the signature: the host only needs it to pick the message
// type, and the planner verifies the token itself. JWTs use unpadded base64url, which `atob`
// accepts once the alphabet is mapped back.
const kindOf = (token: string): TokenKind | undefined => {
  try {
    const { kind } = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    return kind === 'user' || kind === 'legal_entity' ? kind : undefined;
  } catch {
    return undefined;
  }
};

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
