import { randomBytes } from 'node:crypto';
import type { Context, Handler } from 'hono';
import type { LoginLimiter } from './login-limiter.ts';
import { hashPassword, type Shopper } from './shoppers.ts';

/** Longer than any real address (RFC 5321) or passphrase: refused before any work is done. */
const MAX_EMAIL = 254;
const MAX_PASSWORD = 1024;

export interface LoginDeps {
  shoppers: Map<string, Shopper>;
  limiter: LoginLimiter;
  verifyPassword: (password: string, stored: string) => Promise<boolean>;
  clientIp: (c: Context) => string;
  /** Starts a fresh session for the shopper (a new id: a session fixed before login is worthless after it). */
  startSession: (c: Context, shopper: Shopper) => void;
}

/**
 * `POST /api/login` with `{ email, password }`.
 *
 * An unknown email costs exactly what a wrong password costs: the same rate-limit buckets,
 * then one scrypt comparison, against a hash of a random password made at start-up for the
 * purpose (same salt and key length as a real one), then the same 401. Neither the answer nor
 * its timing says whether an email is a customer's.
 */
export function loginHandler(deps: LoginDeps): Handler {
  const unknownShopperHash = hashPassword(randomBytes(32).toString('base64url'));
  return async (c) => {
    const body = (await c.req.json().catch(() => null)) as { email?: unknown; password?: unknown } | null;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : undefined;
    const password = body?.password;
    if (
      !email ||
      typeof password !== 'string' ||
      email.length > MAX_EMAIL ||
      password.length > MAX_PASSWORD
    ) {
      return c.json({ error: 'invalid_request', error_description: 'Email and password, please.' }, 400);
    }
    const ip = deps.clientIp(c);
    const admission = await deps.limiter.admit(ip, email);
    if (!admission.allowed) {
      c.header('Retry-After', String(admission.retryAfterSeconds));
      return c.json(
        {
          error: 'too_many_attempts',
          error_description: 'Too many login attempts. Please wait and try again.',
        },
        429,
      );
    }
    const shopper = deps.shoppers.get(email);
    const dummy = await unknownShopperHash;
    const ok = await deps.verifyPassword(password, shopper?.passwordHash ?? dummy);
    if (!shopper || !ok) {
      return c.json({ error: 'invalid_credentials', error_description: 'Wrong email or password.' }, 401);
    }
    await deps.limiter.succeeded(ip, email);
    deps.startSession(c, shopper);
    return c.json({ shopper: { id: shopper.id, name: shopper.name, email: shopper.email } });
  };
}
