import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { SESSION_COOKIE, type Session, Sessions } from './sessions.ts';
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
  secureCookies?: boolean;
}

/** Seconds a "short-lived" token lives: long enough to watch, short enough not to wait for. */
export const SHORT_TOKEN_LIFETIME = 20;

/**
 * The demo shop's back-end: its own login with a session cookie, and the one route the
 * planner integration needs — a planner token for whoever the session says is here.
 * The API key and secret stay in this process; the browser only ever sees tokens.
 */
export function createShopApp(options: ShopOptions): Hono {
  const sessions = new Sessions();
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

  const session = (c: Context): Session | undefined => sessions.get(getCookie(c, SESSION_COOKIE));
  const ensureSession = (c: Context): Session => {
    const existing = session(c);
    if (existing) return existing;
    const { id, session: created } = sessions.create();
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: options.secureCookies ?? false,
    });
    return created;
  };
  const shopperOf = (s: Session | undefined) =>
    s?.shopperId ? [...options.shoppers.values()].find((p) => p.id === s.shopperId) : undefined;

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/api/session', (c) => {
    const shopper = shopperOf(session(c));
    return c.json({
      shopper: shopper ? { id: shopper.id, name: shopper.name, email: shopper.email } : null,
      plannerUrl: options.plannerUrl,
    });
  });

  app.post('/api/login', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { email?: unknown; password?: unknown } | null;
    if (typeof body?.email !== 'string' || typeof body.password !== 'string') {
      return c.json({ error: 'invalid_request', error_description: 'Email and password, please.' }, 400);
    }
    const shopper = options.shoppers.get(body.email.trim().toLowerCase());
    const ok = shopper ? await verifyPassword(body.password, shopper.passwordHash) : false;
    if (!shopper || !ok) {
      return c.json({ error: 'invalid_credentials', error_description: 'Wrong email or password.' }, 401);
    }
    // A new session id at login: a session fixed before login is worthless after it.
    sessions.destroy(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE);
    const s = ensureSession(c);
    s.shopperId = shopper.id;
    return c.json({ shopper: { id: shopper.id, name: shopper.name, email: shopper.email } });
  });

  app.post('/api/logout', (c) => {
    sessions.destroy(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ shopper: null });
  });

  app.post('/api/short-token', (c) => {
    ensureSession(c).nextTokenLifetime = SHORT_TOKEN_LIFETIME;
    return c.json({ nextTokenLifetime: SHORT_TOKEN_LIFETIME });
  });

  // The planner's token: a user token with write scope for a logged-in shopper, a
  // read-only legal-entity token for a visitor.
  app.post('/api/planner-token', async (c) => {
    const s = ensureSession(c);
    const shopper = shopperOf(s);
    const lifetime = s.nextTokenLifetime;
    s.nextTokenLifetime = undefined;
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
