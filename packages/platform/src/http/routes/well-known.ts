import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuthorizationServerMetadata } from '../../schemas/oauth.ts';
import type { AppEnv } from '../env.ts';

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['Keys'],
  summary: 'Public keys that verify access tokens (RFC 7517)',
  responses: {
    200: {
      description: 'JWK Set',
      content: {
        'application/json': { schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
  },
});

const oauthMetadata = createRoute({
  method: 'get',
  path: '/.well-known/oauth-authorization-server',
  tags: ['OAuth'],
  summary: 'OAuth authorization server metadata (RFC 8414)',
  responses: {
    200: {
      description: 'Metadata',
      content: { 'application/json': { schema: AuthorizationServerMetadata } },
    },
  },
});

export function registerWellKnownRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(jwks, async (c) => {
    const { keys } = c.get('services');
    // Rotation waits this long (plus a margin) before a published key signs: see SigningKeys.
    c.header('Cache-Control', `public, max-age=${Math.floor(keys.timings.jwksMaxAge)}`);
    return c.json(await keys.jwks(), 200);
  });
  app.openapi(oauthMetadata, (c) => {
    const { publicUrl, oauthTokenUrl } = c.get('services').config;
    const clientAuth = ['client_secret_basic', 'client_secret_post'];
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(
      {
        issuer: publicUrl,
        token_endpoint: oauthTokenUrl,
        revocation_endpoint: `${publicUrl}/oauth/revoke`,
        introspection_endpoint: `${publicUrl}/oauth/introspect`,
        jwks_uri: `${publicUrl}/.well-known/jwks.json`,
        // client_credentials first: RFC 9700 §2.4 says the password grant must not be used.
        grant_types_supported: ['client_credentials', 'refresh_token', 'password'],
        // No authorization endpoint: no browser-redirect flows.
        response_types_supported: [],
        // `none`: the password grant of seed 002 sends the credentials as username/password.
        token_endpoint_auth_methods_supported: [...clientAuth, 'none'],
        revocation_endpoint_auth_methods_supported: clientAuth,
        introspection_endpoint_auth_methods_supported: clientAuth,
        scopes_supported: ['read', 'write'],
        service_documentation: `${publicUrl}/openapi.json`,
      },
      200,
    );
  });
}
