import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

type CookieOptions = NonNullable<Parameters<typeof setCookie>[3]>;

export const SESSION_COOKIE = 'shop_session';

/**
 * The session cookie, named and flagged for the origin the shop is served from.
 *
 * - https: `__Host-shop_session; Secure; Path=/` and no `Domain`. The prefix makes the browser
 *   refuse the cookie unless it was set that way by this very host over https, so neither a
 *   sibling subdomain nor a plain-http response (an attacker on the network) can plant or
 *   overwrite it.
 * - http (only `pnpm start` on 127.0.0.1): plain `shop_session`, not `Secure`. Chromium
 *   accepts `Secure` and `__Host-` cookies from http://127.0.0.1 (loopback counts as
 *   trustworthy; checked with Chromium 156), but not every browser does (Safari long refused
 *   `Secure` on plain-http localhost), so the rule stays simple: prefixed and `Secure`
 *   exactly when the public origin is https.
 *
 * Always `HttpOnly` (page scripts never need it) and `SameSite=Strict`: no page of this shop
 * is rendered from the session; it is read only by the page's own same-origin `fetch`es,
 * which carry Strict cookies even when the shopper arrived through another site's link. So
 * Strict costs nothing here and keeps every cross-site request cookieless. A shop that renders
 * its pages from the session would pick `Lax` (Strict shows a logged-out page on arrival from
 * a link) and rely on the Origin check (request-guard.ts) for its state-changing routes.
 */
export interface SessionCookie {
  readonly name: string;
  read(c: Context): string | undefined;
  write(c: Context, id: string): void;
  clear(c: Context): void;
}

export function sessionCookie(shopOrigin: string): SessionCookie {
  const secure = new URL(shopOrigin).protocol === 'https:';
  const options: CookieOptions = secure
    ? { prefix: 'host', secure: true, path: '/', httpOnly: true, sameSite: 'Strict' }
    : { path: '/', httpOnly: true, sameSite: 'Strict' };
  const prefix = secure ? 'host' : undefined;
  return {
    name: secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE,
    read: (c) => getCookie(c, SESSION_COOKIE, prefix),
    write: (c, id) => setCookie(c, SESSION_COOKIE, id, options),
    clear: (c) => {
      deleteCookie(c, SESSION_COOKIE, options);
    },
  };
}
