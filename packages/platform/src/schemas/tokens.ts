import { z } from '@hono/zod-openapi';
import { storableText } from './text.ts';

export const TOKEN_KINDS = ['legal_entity', 'user'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** `read`, or `read write`: a token is read-only unless the request asks for more. */
export const Scope = z
  .string()
  .regex(/^(read|write|read write|write read)$/, 'scope is "read" or "read write"')
  .openapi({ example: 'read write' });

/** A host's own identifier for its user; opaque to us, but bounded and printable. */
export const HostUserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._@:+-]+$/, 'user_id may contain letters, digits and . _ @ : + -')
  .openapi({ example: 'shopper-42' });

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

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
    client_assertion: storableText().min(1).max(4096),
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

/** Claims of the platform's access tokens (RFC 9068 plus ours). */
export interface AccessTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  client_id: string;
  iat: number;
  exp: number;
  jti: string;
  scope: string;
  /** Which kind of token this is. */
  kind: TokenKind;
  /** The legal entity the token acts for. */
  le: string;
  /** The host's own id for the user (user tokens only). */
  uid?: string;
  /** Embed origins registered for the legal entity: where the planner may accept it from. */
  origins: string[];
}

/**
 * Claims of a back-end profile's standard token (seed 000): the same RFC 9068 JWT, kind
 * `backend`, issued to the profile (`sub` = `client_id` = the profile id) with the
 * subscription's services as its scope. It lives 60 minutes and cannot be deactivated.
 */
export interface BackendTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  client_id: string;
  iat: number;
  exp: number;
  jti: string;
  /** The back-end services it may call, e.g. `reporting messagebox`. */
  scope: string;
  kind: 'backend';
  le: string;
  /** The version of the profile's access key it was asked for with: it dies with that key. */
  akv?: number;
}
