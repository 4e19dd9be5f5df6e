import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { newRequestContext, requestContext, traceparentOf } from '../../util/request-context.ts';
import type { AppEnv } from '../env.ts';
import { setResponseHeader } from '../response-headers.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
/** Refusals of a credential (their error code is the metric's reason). */
const AUTH_FAILURES = new Set(['invalid_token', 'invalid_client', 'invalid_grant', 'rate_limited']);
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * The route pattern that answered (`/v1/projects/:id`), never the raw path: a metric label
 * must come from a bounded set. A path no route has is named by the widest middleware that
 * saw it (`/v1/*`), or `unmatched`.
 */
export function routeLabel(c: Context<AppEnv>): string {
  const routes = matchedRoutes(c);
  const handler = routes.findLast((r) => r.method !== 'ALL');
  if (handler) return handler.path;
  return routes.findLast((r) => r.path !== '*' && r.path !== '/*')?.path ?? 'unmatched';
}

/**
 * Every request's identity, log line and metrics: an `X-Request-Id` (the caller's when
 * well-formed) and a W3C `traceparent` (the caller's trace, our span) on the response and on
 * every log line written while it is served; one `http.request` line; its count and latency.
 */
export const observe = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const services = c.get('services');
    const ctx = newRequestContext({
      requestId: c.req.header('X-Request-Id'),
      traceparent: c.req.header('traceparent'),
    });
    c.set('requestId', ctx.requestId);
    ctx.clientSignal = () => c.req.raw.signal;
    const started = performance.now();
    try {
      await requestContext.run(ctx, next);
    } finally {
      ctx.clientSignal = undefined;
    }
    setResponseHeader(c, 'X-Request-Id', ctx.requestId);
    setResponseHeader(c, 'traceparent', traceparentOf(ctx));
    const seconds = (performance.now() - started) / 1000;
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    const route = routeLabel(c);
    const status = c.res.status;
    services.metrics.httpRequests.inc({ method, route, status: String(status) });
    services.metrics.httpDuration.observe({ method, route }, seconds);
    const code = c.get('errorCode');
    if (code && AUTH_FAILURES.has(code)) services.metrics.authFailures.inc({ reason: code });
    // A balancer probes every instance every few seconds: its successes would drown the log.
    const probe = PROBES.has(c.req.path) && status < 300;
    const fields = {
      method: c.req.method,
      path: c.req.path,
      route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      ...(ctx.parentSpanId ? { parent_span_id: ctx.parentSpanId } : {}),
    };
    // Back in the request's context (synchronously: no promise per request for it), so
    // the line carries its ids like every other line written while it was served.
    requestContext.run(ctx, () => services.log[probe ? 'debug' : 'info']('http.request', fields));
  });
