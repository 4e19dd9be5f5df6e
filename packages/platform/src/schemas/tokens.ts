import { z } from '@hono/zod-openapi';
import {
  CLIENT_ASSERTION_TYPE,
  HOST_USER_ID_PATTERN,
  SCOPE_PATTERN,
  TOKEN_KINDS,
  TOKEN_REQUEST_LIMITS,
} from '@planner/contract';
import { storableText } from './text.ts';

export {
  type AccessTokenClaims,
  type BackendTokenClaims,
  CLIENT_ASSERTION_TYPE,
  TOKEN_KINDS,
  type TokenKind,
} from '@planner/contract';

/** `read`, or `read write`: a token is read-only unless the request asks for more. */
export const Scope = z
  .string()
  .regex(SCOPE_PATTERN, 'scope is "read" or "read write"')
  .openapi({ example: 'read write' });

/** A host's own identifier for its user; opaque to us, but bounded and printable. */
export const HostUserId = z
  .string()
  .min(1)
  .max(TOKEN_REQUEST_LIMITS.hostUserIdMaxLength)
  .regex(HOST_USER_ID_PATTERN, 'user_id may contain letters, digits and . _ @ : + -')
  .openapi({ example: 'shopper-42' });

/** `POST /v1/tokens` body. The client assertion authenticates the caller (RFC 7523). */
export const TokenRequest = z
  .object({
    kind: z.enum(TOKEN_KINDS),
    user_id: HostUserId.optional().openapi({ description: 'Required for user tokens, refused otherwise.' }),
    scope: Scope.optional().openapi({ description: 'Defaults to "read".' }),
    lifetime: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: "Seconds; defaults to the legal entity's default, bounded by the maximum." }),
    client_assertion_type: z.literal(CLIENT_ASSERTION_TYPE),
    client_assertion: storableText().min(1).max(TOKEN_REQUEST_LIMITS.clientAssertionMaxLength),
  })
  .strict()
  .openapi('TokenRequest');
export type TokenRequest = z.infer<typeof TokenRequest>;

export const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.string(),
  })
  .openapi('TokenResponse');
export type TokenResponse = z.infer<typeof TokenResponse>;
