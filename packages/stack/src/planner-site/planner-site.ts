import { staticFiles } from '@planner/demo-host/server';
import type { EmbedOriginSource } from './embed-origins.ts';

/**
 * The planner's static site, framed only where the embedding legal entity allows.
 *
 * 1. The embed URL names the legal entity: `https://planner.example/?le=<legal entity id>`
 *    (`plannerEmbedUrl`), as Looker's embed URLs name the instance whose embed-domain
 *    allow-list applies.
 * 2. Every HTML document (`/`, `/index.html`, any `*.html`) needs exactly one known `le`: it
 *    is served with `Content-Security-Policy: … frame-ancestors <its registered origins>`
 *    (`'none'` when it has none), so the browser itself refuses to render the planner inside
 *    any other page. A missing, repeated or unknown `le` is a 404; the platform not
 *    answering is a 503. Neither carries the planner, and both say `frame-ancestors 'none'`.
 * 3. Assets (hashed scripts, styles) are not documents: they are served to anyone, cached
 *    for a year, with no `le`. A page that loads them still cannot frame the planner.
 *
 * The token check in the planner (a token's `origins` claim must name the parent) stays: it
 * also refuses a token of another legal entity than the one the page was framed for.
 */

export interface PlannerSiteOptions {
  /** The built planner (`packages/planner/dist`). */
  dir: string;
  /** The platform's base URL: put in the page (the planner's API) and in its CSP. */
  apiUrl: string;
  /** Where each legal entity's registered embed origins come from. */
  embeds: EmbedOriginSource;
  /** Told when the embed-origins lookup failed (the page answered 503). */
  onLookupError?: (error: unknown) => void;
}

/** The planner URL a host embeds for one legal entity. */
export function plannerEmbedUrl(plannerBase: string, legalEntityId: string): string {
  const url = new URL('/', plannerBase);
  url.searchParams.set('le', legalEntityId);
  return url.href;
}

/** The planner page's Content-Security-Policy, framed by exactly these origins. */
export function plannerCsp(apiUrl: string, frameAncestors: readonly string[]): string {
  const api = new URL(apiUrl).origin;
  return [
    "default-src 'self'",
    `img-src 'self' data: ${api}`,
    `connect-src 'self' ${api}`,
    "style-src 'self' 'unsafe-inline'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

const refusal = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // Not the planner, but still a document: framed nowhere.
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      ...headers,
    },
  });

/** The planner site as a web-standard `Request` → `Response` handler. */
export function plannerSite(options: PlannerSiteOptions): (request: Request) => Promise<Response> {
  const files = staticFiles(options.dir, {
    // The planner learns where the API is from its own server, never from the host page:
    // a host that could choose it could send the planner's tokens anywhere.
    transformHtml: (html) => html.replace('%PLANNER_API_URL%', options.apiUrl),
  });

  async function answer(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const url = new URL(request.url);
    const file = await files(url.pathname);
    if (!file) return refusal(404, 'Not found');
    if (!file.headers.get('Content-Type')?.startsWith('text/html')) return file;

    const named = url.searchParams.getAll('le');
    if (named.length !== 1) {
      await file.body?.cancel();
      return refusal(404, 'Not found: the planner URL names no legal entity (?le=…).');
    }
    let origins: readonly string[] | undefined;
    try {
      origins = await options.embeds.origins(named[0]!);
    } catch (error) {
      await file.body?.cancel();
      options.onLookupError?.(error);
      return refusal(503, 'The planner is unavailable just now.', { 'Retry-After': '5' });
    }
    if (!origins) {
      await file.body?.cancel();
      return refusal(404, 'Not found: no such legal entity.');
    }
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', plannerCsp(options.apiUrl, origins));
    return new Response(file.body, { status: 200, headers });
  }

  return async (request) => {
    const res = await answer(request);
    if (request.method !== 'HEAD') return res;
    await res.body?.cancel();
    return new Response(null, { status: res.status, headers: res.headers });
  };
}
