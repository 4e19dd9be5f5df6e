import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { basketRoutes } from './basket-routes.ts';
import { loginHandler } from './login.ts';
import { LoginLimiter, type LoginLimits } from './login-limiter.ts';
import { sameOriginJson } from './request-guard.ts';
import { sessionCookie } from './session-cookie.ts';
import { type Session, type SessionLimits, Sessions } from './sessions.ts';
import { SHOP_CATEGORIES, ShopCatalog } from './shop-catalog.ts';
import { type Shopper, verifyPassword } from './shoppers.ts';

/** What the shop's back-end needs from the platform: the `@planner/host/server` token client. */
export interface PlannerTokens {
  legalEntityToken(options?: { lifetime?: number }): Promise<TokenAnswer>;
  userToken(
    userId: string,
    options: { scope: 'read' | 'read write'; lifetime?: number },
  ): Promise<TokenAnswer>;
}
interface TokenAnswer {
  access_token: string;
  expires_in: number;
  scope: string;
}

export interface ShopOptions {
  shoppers: Map<string, Shopper>;
  tokens: PlannerTokens;
  plannerUrl: string;
  /** Serves the built page (index.html and assets). */
  staticFiles: (path: string) => Promise<Response | undefined>;
  /**
   * The shop's public origin, as the browser sees it (`https://shop.example`): the only
   * `Origin` its state-changing routes accept, and, when https, the session cookie becomes
   * `__Host-` and `Secure` (session-cookie.ts).
   */
  origin: string;
  /**
   * The client's address, for the login rate limit. Default: the TCP peer, as
   * `@hono/node-server` gives it. Behind a reverse proxy, read the proxy's header instead.
   */
  clientIp?: (c: Context) => string | undefined;
  loginLimits?: Partial<LoginLimits>;
  sessionLimits?: Partial<SessionLimits> & { now?: () => number };
  /** The password check (default: scrypt, constant-time); tests count its calls. */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
  /**
   * Where the shop reads its catalog (basket prices, category pages): the platform's API.
   * Default: the issuer of the shop's legal-entity tokens, which is the platform's public URL.
   */
  platformUrl?: string;
}

/** Bytes: the shop's JSON bodies are a login form at most. */
const MAX_BODY = 16 * 1024;

/** Seconds a "short-lived" token lives: long enough to watch, short enough not to wait for. */
export const SHORT_TOKEN_LIFETIME = 20;

/**
 * The demo shop's back-end: its own login with a session cookie, and the one route the
 * planner integration needs — a planner token for whoever the session says is here.
 * The API key and secret stay in this process; the browser only ever sees tokens.
 *
 * The rules a host copying it should keep: every state-changing request must carry the
 * shop's own `Origin` and a JSON body (request-guard.ts); the session cookie is HttpOnly,
 * SameSite=Strict, and `__Host-`/Secure over https (session-cookie.ts); sessions end when idle
 * or old and the store is bounded (sessions.ts); logins are rate-limited per address and per
 * email (login-limiter.ts) and cost the same for unknown emails (login.ts).
 */
export function createShopApp(options: ShopOptions): Hono {
  const sessions = new Sessions(options.sessionLimits);
  const cookie = sessionCookie(options.origin);
  const limiter = new LoginLimiter(options.loginLimits);
  const clientIp = options.clientIp ?? peerAddress;
  const app = new Hono();
  const plannerOrigin = new URL(options.plannerUrl).origin;

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        frameSrc: [plannerOrigin],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    }),
  );
  app.use('*', sameOriginJson(options.origin));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: (c) =>
        c.json({ error: 'request_too_large', error_description: 'That request is too large.' }, 413),
    }),
  );

  const session = (c: Context): Session | undefined => sessions.get(cookie.read(c));
  const ensureSession = (c: Context): Session => {
    const existing = session(c);
    if (existing) return existing;
    const { id, session: created } = sessions.create();
    cookie.write(c, id);
    return created;
  };
  const shopperOf = (s: Session | undefined) =>
    s?.shopperId ? [...options.shoppers.values()].find((p) => p.id === s.shopperId) : undefined;

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  basketRoutes(app, {
    catalog: new ShopCatalog({
      token: () => options.tokens.legalEntityToken(),
      platformUrl: options.platformUrl,
    }),
    basketOf: (c) => session(c)?.basket,
    keepBasket: (c, basket) => {
      ensureSession(c).basket = basket;
    },
  });
  // The category pages: one document (category.html) reads its page from the path.
  for (const page of Object.keys(SHOP_CATEGORIES)) {
    app.get(`/${page}`, async (c) => (await options.staticFiles('/category.html')) ?? c.notFound());
  }

  app.get('/api/session', (c) => {
    const shopper = shopperOf(session(c));
    return c.json({
      shopper: shopper ? { id: shopper.id, name: shopper.name, email: shopper.email } : null,
      plannerUrl: options.plannerUrl,
    });
  });

  app.post(
    '/api/login',
    loginHandler({
      shoppers: options.shoppers,
      limiter,
      verifyPassword: options.verifyPassword ?? verifyPassword,
      clientIp: (c) => clientIp(c) ?? 'unknown',
      startSession: (c, shopper) => {
        // The visitor's basket goes with them into the new session (the id is new either way).
        const basket = session(c)?.basket;
        sessions.destroy(cookie.read(c));
        const { id, session: created } = sessions.create();
        created.shopperId = shopper.id;
        if (basket) created.basket = basket;
        cookie.write(c, id);
      },
    }),
  );

  app.post('/api/logout', (c) => {
    sessions.destroy(cookie.read(c));
    cookie.clear(c);
    return c.json({ shopper: null });
  });

  app.post('/api/short-token', (c) => {
    ensureSession(c).nextTokenLifetime = SHORT_TOKEN_LIFETIME;
    return c.json({ nextTokenLifetime: SHORT_TOKEN_LIFETIME });
  });

  // The planner's token: a user token with write scope for a logged-in shopper, a
  // read-only legal-entity token for a visitor.
  // A visitor without a session gets no new one here: only logging in and the developer
  // panel's button need one, so page views alone never fill the session store.
  app.post('/api/planner-token', async (c) => {
    const s = session(c);
    const shopper = shopperOf(s);
    const lifetime = s?.nextTokenLifetime;
    if (s) s.nextTokenLifetime = undefined;
    const answer = shopper
      ? await options.tokens.userToken(shopper.id, { scope: 'read write', ...(lifetime ? { lifetime } : {}) })
      : await options.tokens.legalEntityToken(lifetime ? { lifetime } : {});
    c.header('Cache-Control', 'no-store');
    return c.json({
      access_token: answer.access_token,
      expires_in: answer.expires_in,
      scope: answer.scope,
      kind: shopper ? 'user' : 'legal_entity',
    });
  });

  app.get('*', async (c) => (await options.staticFiles(c.req.path)) ?? c.notFound());

  app.onError((error, c) => {
    console.error(JSON.stringify({ event: 'shop.error', message: error.message }));
    return c.json({ error: 'server_error', error_description: 'The shop could not do that just now.' }, 502);
  });

  return app;
}

/** The TCP peer's address; undefined outside @hono/node-server (e.g. `app.request()` in tests). */
function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
