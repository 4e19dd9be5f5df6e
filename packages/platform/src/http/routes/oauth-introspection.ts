import type { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBody } from '../../schemas/common.ts';
import { IntrospectionResponse, TokenForm } from '../../schemas/oauth.ts';
import type { AppEnv } from '../env.ts';
import { authenticateCaller, mayAccess } from '../oauth/caller.ts';
import { NO_STORE, oauthError } from '../oauth/errors.ts';
import { readOAuthForm } from '../oauth/form.ts';
import { inspectToken } from '../oauth/inspect-token.ts';
import { postOnly } from '../oauth/post-only.ts';

export function registerOAuthIntrospectionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/oauth/introspect',
    tags: ['OAuth'],
    summary: 'Introspect a token (RFC 7662)',
    description:
      'Any token of the platform: planner and back-end JWTs, static tokens, OAuth access and refresh tokens. The caller authenticates: a consumer (HTTP Basic) sees its own tokens, a back-end token its legal entity\'s, the operator token all; any other token is `{ "active": false }`.',
    request: {
      body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TokenForm } } },
    },
    responses: {
      200: {
        description: "The token's state",
        content: { 'application/json': { schema: IntrospectionResponse } },
      },
      400: { description: 'invalid_request', content: { 'application/json': { schema: ErrorBody } } },
      401: {
        description: 'The caller did not authenticate',
        content: { 'application/json': { schema: ErrorBody } },
      },
    },
  });

  postOnly(app, '/oauth/introspect');
  app.post('/oauth/introspect', async (c) => {
    const form = await readOAuthForm(c);
    const caller = await authenticateCaller(c, form);
    const token = form.get('token');
    if (!token) throw oauthError(400, 'invalid_request', 'token is required.');
    const found = await inspectToken(c.get('services'), token);
    // RFC 7662 §2.2: inactive, unknown and not-yours all look alike.
    const body =
      found?.active && mayAccess(caller, found.owner) ? { active: true, ...found.claims } : { active: false };
    return c.json(body, 200, NO_STORE);
  });
}
