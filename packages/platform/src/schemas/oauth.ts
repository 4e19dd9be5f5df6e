import { z } from '@hono/zod-openapi';
import { OAUTH_GRANT_TYPES, PRINCIPAL_KINDS, TOKEN_TYPE_HINTS, TOKEN_USES } from '@planner/contract';
import { storableText } from './text.ts';

/**
 * `POST /oauth/token` parameters (form-encoded; documentation only: the route parses them
 * itself, and `readOAuthForm` refuses a value with a NUL).
 */
export const OAuthTokenForm = z
  .object({
    grant_type: z.enum(OAUTH_GRANT_TYPES),
    username: storableText().optional().openapi({
      description: 'password grant (or a refresh without client authentication): the consumer key',
    }),
    password: storableText().optional().openapi({
      description: 'password grant (or a refresh without client authentication): the consumer secret',
    }),
    client_id: storableText().optional().openapi({
      description: 'Optional; when given, the consumer key (or with client_secret: client_secret_post).',
    }),
    client_secret: storableText()
      .optional()
      .openapi({ description: 'client_secret_post; HTTP Basic is preferred.' }),
    refresh_token: storableText().optional().openapi({
      description:
        "refresh_token grant; the consumer authenticates too (HTTP Basic, client_secret_post, or username + password), and it must be the token's consumer.",
    }),
    scope: storableText()
      .optional()
      .openapi({ description: '"read" or "read write"; default: the consumer\'s scope.' }),
    expires_in: storableText()
      .optional()
      .openapi({ description: "Seconds; default: the legal entity's OAuth token lifetime (28800)." }),
  })
  .openapi('OAuthTokenForm');

export const OAuthTokenResponse = z
  .object({
    access_token: z.string().openapi({ example: 'oat_…' }),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().openapi({ example: 28800 }),
    refresh_token: z
      .string()
      .optional()
      .openapi({ description: 'Not for client_credentials. Single use: each refresh returns a new one.' }),
    scope: z.string(),
  })
  .openapi('OAuthTokenResponse');

/** RFC 7009 / RFC 7662 request parameters. */
export const TokenForm = z
  .object({
    token: storableText(),
    token_type_hint: z.enum(TOKEN_TYPE_HINTS).optional(),
  })
  .openapi('TokenForm');

export const IntrospectionResponse = z
  .object({
    active: z.boolean(),
    token_use: z
      .enum(TOKEN_USES)
      .optional()
      .openapi({ description: "Ours: which of the platform's tokens it is." }),
    kind: z.enum(PRINCIPAL_KINDS).optional(),
    scope: z.string().optional(),
    client_id: z.string().optional(),
    username: z.string().optional().openapi({ description: "The host's id for the user." }),
    sub: z.string().optional(),
    le: z.string().optional().openapi({ description: 'The legal entity.' }),
    token_type: z.string().optional(),
    iss: z.string().optional(),
    aud: z.string().optional(),
    iat: z.number().int().optional(),
    exp: z.number().int().optional().openapi({ description: 'Absent for a static token: it never expires.' }),
    jti: z.string().optional(),
  })
  .openapi('IntrospectionResponse');

/** RFC 8414 §2. */
export const AuthorizationServerMetadata = z
  .object({
    issuer: z.string(),
    token_endpoint: z.string(),
    revocation_endpoint: z.string(),
    introspection_endpoint: z.string(),
    jwks_uri: z.string(),
    grant_types_supported: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    revocation_endpoint_auth_methods_supported: z.array(z.string()),
    introspection_endpoint_auth_methods_supported: z.array(z.string()),
    scopes_supported: z.array(z.string()),
    service_documentation: z.string(),
  })
  .openapi('AuthorizationServerMetadata');
