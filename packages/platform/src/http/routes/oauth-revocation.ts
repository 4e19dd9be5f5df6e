import type { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBody } from '../../schemas/common.ts';
import { TokenForm } from '../../schemas/oauth.ts';
import type { AppEnv } from '../env.ts';
import { authenticateCaller, mayAccess } from '../oauth/caller.ts';
import { NO_STORE, oauthError } from '../oauth/errors.ts';
import { readOAuthForm } from '../oauth/form.ts';
import { inspectToken } from '../oauth/inspect-token.ts';
import { postOnly } from '../oauth/post-only.ts';

export function registerOAuthRevocationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/oauth/revoke',
    tags: ['OAuth'],
    summary: 'Revoke a token (RFC 7009)',
    description:
      "OAuth access and refresh tokens (a refresh token ends its whole grant) and static tokens, at once on every instance. The caller authenticates: a consumer (HTTP Basic) for its own tokens, a back-end token for its legal entity's, the operator token for any. An unknown, foreign or already dead token answers 200 all the same. JWTs cannot be revoked one by one: `unsupported_token_type`.",
    request: {
      body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TokenForm } } },
    },
    responses: {
      200: { description: 'Revoked (or nothing to revoke)' },
      400: {
        description: 'invalid_request, unsupported_token_type',
        content: { 'application/json': { schema: ErrorBody } },
      },
      401: {
        description: 'The caller did not authenticate',
        content: { 'application/json': { schema: ErrorBody } },
      },
    },
  });

  postOnly(app, '/oauth/revoke');
  app.post('/oauth/revoke', async (c) => {
    const form = await readOAuthForm(c);
    const caller = await authenticateCaller(c, form);
    const token = form.get('token');
    if (!token) throw oauthError(400, 'invalid_request', 'token is required.');
    const found = await inspectToken(c.get('services'), token);
    // RFC 7009 §2.2: an invalid token, or one that is not the caller's, is not an error:
    // the answer tells nothing about other clients' tokens.
    if (found && mayAccess(caller, found.owner)) {
      if (!found.revoke) {
        throw oauthError(
          400,
          'unsupported_token_type',
          'A JWT access token cannot be revoked on its own: it expires (a standard token within 60 minutes). Revoking its API key ends all of them at once.',
        );
      }
      if (found.active) {
        await found.revoke();
        c.get('services').log.info('oauth.token_revoked', {
          use: found.claims.token_use,
          client_id: found.claims.client_id,
          by: caller.kind,
        });
      }
    }
    return c.body(null, 200, NO_STORE);
  });
}
