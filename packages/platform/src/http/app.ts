import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { ClientGone, DatabaseOverloaded } from '../db/admission.ts';
import { PlatformError } from '../errors.ts';
import { ErrorBody } from '../schemas/common.ts';
import type { Services } from '../services.ts';
import { adminConsoleFiles } from './admin-console.ts';
import type { AppEnv } from './env.ts';
import { ApiError, invalidInput, invalidRequest, notFound } from './errors.ts';
import { type HostSdk, hostSdkPath, hostSdkResponse } from './host-sdk.ts';
import { limitBody } from './middleware/body-limit.ts';
import { cors } from './middleware/cors.ts';
import { payloadTooLarge } from './middleware/json-body.ts';
import { observe } from './middleware/observe.ts';
import { NO_STORE, oauthBodyTooLarge } from './oauth/errors.ts';
import { OAUTH_MAX_BODY } from './oauth/form.ts';
import { setResponseHeader } from './response-headers.ts';
import { CATALOG_IMPORT_PATH } from './routes/admin/catalog.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerBackendTokenRoutes } from './routes/backend-tokens.ts';
import { registerCatalogRoutes } from './routes/catalog.ts';
import { registerEmbedRoutes } from './routes/embeds.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerIdentityRoutes } from './routes/identity.ts';
import { registerMessageboxRoutes } from './routes/messagebox.ts';
import { registerMetricsRoute } from './routes/metrics.ts';
import { registerOAuthIntrospectionRoutes } from './routes/oauth-introspection.ts';
import { registerOAuthRevocationRoutes } from './routes/oauth-revocation.ts';
import { registerOAuthTokenRoutes } from './routes/oauth-token.ts';
import { registerProjectRoutes } from './routes/projects.ts';
import { registerReportingRoutes } from './routes/reporting.ts';
import { registerTokenRoutes } from './routes/tokens.ts';
import { registerWellKnownRoutes } from './routes/well-known.ts';

/** Errors of the platform's own operations (the admin API's), as HTTP answers. */
const PLATFORM_ERRORS: Partial<Record<PlatformError['code'], [number, ApiError['code']]>> = {
  not_found: [404, 'not_found'],
  invalid_argument: [400, 'invalid_request'],
  conflict: [409, 'conflict'],
  subscription_required: [409, 'subscription_required'],
};

/**
 * The largest body any route takes (a project, `/v1/projects`). Routes bound theirs more
 * tightly; this one also covers routes that take no body but would read one (the
 * idempotency middleware hashes a DELETE's body).
 */
export const MAX_REQUEST_BODY = 256 * 1024;
/** Token endpoints: nothing they answer may be cached, errors included (RFC 6749 §5.1, RFC 7662 §2.2). */
const TOKEN_ENDPOINTS = ['/oauth/*', '/v1/tokens', '/v1/backend/tokens'];

const errorBody = (code: string, description: string) => ({ error: code, error_description: description });

export interface AppOptions {
  /** The built operator console, served at `/admin/`; without it `/admin/` is a 404. */
  adminConsoleDir?: string | undefined;
  /** The host SDK's single-file build, served at `/sdk/host/v<version>/planner-host.js`. */
  hostSdk?: HostSdk | undefined;
}

/** The platform's HTTP interface: a `Request` → `Response` function with every route. */
export function createApp(services: Services, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    // Schema failures are the caller's: a 400 that says which field, never a 500.
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw invalidInput(`${where}${issue?.message ?? 'Invalid request.'}`);
      }
    },
  });

  // The cheap steps return `next()` instead of awaiting it: an async function per step is
  // promises per request, each paying AsyncLocalStorage's hooks (issue 13).
  app.use('*', (c, next) => {
    c.set('services', services);
    return next();
  });
  app.use('*', observe());

  app.use(
    '*',
    secureHeaders({
      xContentTypeOptions: true,
      // HSTS only where clients reach us over https: on plain http browsers ignore it anyway,
      // and a local http setup must stay reachable. No includeSubDomains: the platform does
      // not know what else runs under its parent domain.
      strictTransportSecurity: new URL(services.config.publicUrl).protocol === 'https:' && 'max-age=31536000',
      // The rest of Hono's defaults are page policies: an API serving JSON and plan symbols
      // to the planner's origin must not get same-origin resource or framing rules by accident.
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );

  // Registered before the body limit, so a 413 is no-store too.
  for (const path of TOKEN_ENDPOINTS) {
    app.use(path, async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(NO_STORE)) setResponseHeader(c, name, value);
    });
  }

  // The planner's origin may differ from the API's: it, and nobody else, may call from a browser.
  // Registered before the NUL check and the body limit, so their refusals are readable there too.
  const allowed = new Set(services.config.corsOrigins);
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'If-None-Match',
        'Idempotency-Key',
        'X-Request-Id',
        'traceparent',
      ],
      // Date: the planner judges its token's expiry on our clock (issue 13); Retry-After: its
      // queue waits as long as a 429 or 503 asks. Neither is CORS-safelisted.
      exposeHeaders: [
        'ETag',
        'WWW-Authenticate',
        'Idempotent-Replayed',
        'Location',
        'X-Request-Id',
        'traceparent',
        'Date',
        'Retry-After',
      ],
      maxAge: 600,
    }),
  );

  // The planner verifies its tokens' signatures in the browser before it trusts their claims
  // (issue 9), so it fetches the key set cross-origin. Public keys, no credentials: any origin.
  app.use('/.well-known/jwks.json', cors({ origin: '*', allowMethods: ['GET'] }));

  // Path and query parameters are percent-decoded: `%00` would hand NUL to a lookup, which
  // PostgreSQL refuses (a 500). No path of ours has one (404); a query value is a 400.
  app.use('*', (c, next) => {
    const url = c.req.url;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (/%00/i.test(path)) throw notFound('No such route.');
    if (query !== -1 && /%00/i.test(url.slice(query))) {
      throw invalidRequest('The query contains a NUL character (%00).');
    }
    return next();
  });

  // Every body is bounded before anything reads it, chunked ones included (issue 9).
  const oauthLimit = limitBody(OAUTH_MAX_BODY, oauthBodyTooLarge);
  const limit = limitBody(MAX_REQUEST_BODY, payloadTooLarge);
  // A catalog import is the one larger body: its route bounds it itself (CATALOG_LIMITS).
  app.use('*', (c, next) =>
    c.req.path.startsWith('/oauth/')
      ? oauthLimit(c, next)
      : CATALOG_IMPORT_PATH.test(c.req.path)
        ? next()
        : limit(c, next),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token: from POST /v1/tokens (planner), POST /v1/backend/tokens or a static token (back-ends), or POST /oauth/token.',
  });

  registerHealthRoutes(app);
  registerWellKnownRoutes(app);
  registerTokenRoutes(app);
  registerBackendTokenRoutes(app);
  registerOAuthTokenRoutes(app);
  registerOAuthRevocationRoutes(app);
  registerOAuthIntrospectionRoutes(app);
  registerCatalogRoutes(app);
  registerIdentityRoutes(app);
  registerProjectRoutes(app);
  registerReportingRoutes(app);
  registerMessageboxRoutes(app);
  registerAdminRoutes(app);
  registerMetricsRoute(app);
  registerEmbedRoutes(app);
  if (options.adminConsoleDir) serveAdminConsole(app, options.adminConsoleDir);
  if (options.hostSdk) {
    const sdk = hostSdkResponse(options.hostSdk);
    app.get(hostSdkPath(options.hostSdk.version), async (c) => (await sdk()) ?? c.notFound());
  }

  documentBodyLimits(app);
  documentOverload(app);
  // Built once, on the first request (every documented route is registered by then): the
  // document takes milliseconds to generate and the route is public, so building it per
  // request made it the cheapest way to load the server (issue 13: 79 req/s).
  let openApiBody: string | undefined;
  app.get('/openapi.json', (c) => {
    openApiBody ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Planner platform',
          version: '1.0.0',
          description: 'Tokens and the web services the embedded planner uses.',
        },
        servers: [{ url: services.config.publicUrl }],
      }),
    );
    return c.body(openApiBody, 200, { 'Content-Type': 'application/json' });
  });

  app.notFound((c) => c.json(errorBody('not_found', 'No such route.'), 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      c.set('errorCode', error.code);
      return c.json(errorBody(error.code, error.description), error.status as 400, error.headers);
    }
    if (error instanceof DatabaseOverloaded) {
      // Shed, not failed: the client is told when to come back (the planner's queue retries
      // a 503 after its Retry-After), and nothing was applied.
      c.set('errorCode', error.code);
      return c.json(errorBody(error.code, error.message), 503, {
        'Retry-After': String(error.retryAfterSeconds),
      });
    }
    if (error instanceof ClientGone) {
      // Nobody reads this answer (the connection is closed); the status names the case in
      // the request log and the metrics, as nginx's 499 does.
      c.set('errorCode', error.code);
      return c.json(errorBody(error.code, error.message), 499 as 400);
    }
    const mapped = error instanceof PlatformError ? PLATFORM_ERRORS[error.code] : undefined;
    if (mapped) return c.json(errorBody(mapped[1], error.message), mapped[0] as 400);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own 4xx, e.g. malformed JSON from the validator.
      return c.json(errorBody('invalid_request', error.message || 'Bad request.'), error.status);
    }
    services.log.error('http.unhandled', { path: c.req.path, error });
    return c.json(errorBody('server_error', 'Something went wrong on our side.'), 500);
  });

  return app;
}

/**
 * Any route may have to wait for the database, and so be refused 503 `overloaded` with a
 * `Retry-After` when too many wait (`PLANNER_DB_MAX_QUEUE`) or too long (`PLANNER_DB_MAX_WAIT_MS`).
 */
function documentOverload(app: OpenAPIHono<AppEnv>): void {
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    definition.route.responses['503'] ??= {
      description: 'overloaded: too many requests wait for the database; try again after Retry-After seconds',
      headers: {
        'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
      },
      content: { 'application/json': { schema: ErrorBody } },
    };
  }
}

/**
 * Every route that takes a body may answer 413 (the limits above) and, for JSON, 415
 * (`jsonBody`): `/openapi.json` says so for each, whoever registered the route.
 */
function documentBodyLimits(app: OpenAPIHono<AppEnv>): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: ErrorBody } },
  });
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route' || !definition.route.request?.body) continue;
    const { path, request, responses } = definition.route;
    responses['413'] ??= error(
      path.startsWith('/oauth/')
        ? `invalid_request: the body exceeds ${OAUTH_MAX_BODY} bytes`
        : 'payload_too_large: the body exceeds the limit',
    );
    if (request.body?.content['application/json']) {
      responses['415'] ??= error('unsupported_media_type: the body must be application/json');
    }
  }
}

/**
 * The operator console at `/admin/`. Registered after the admin API, so `/admin/api/*` is
 * always the API's (an unknown API path stays a JSON 404, never the console's HTML).
 */
function serveAdminConsole(app: OpenAPIHono<AppEnv>, dir: string): void {
  const files = adminConsoleFiles(dir);
  // Relative asset URLs in index.html resolve against `/admin/`, not `/`.
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.use('/admin/*', async (c, next) => {
    const path = c.req.path;
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || path.startsWith('/admin/api/')) return next();
    const res = await files(path.slice('/admin/'.length));
    if (res) return res;
    return next();
  });
}
