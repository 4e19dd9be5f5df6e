import { randomBytes } from 'node:crypto';

export interface Session {
  shopperId?: string;
  /** Seconds: the next planner token is this short-lived (the developer panel's button). */
  nextTokenLifetime?: number;
  expiresAt: number;
}

const TTL_MS = 8 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'shop_session';

/** In-memory sessions keyed by a random id in an HttpOnly cookie: enough for a demo shop. */
export class Sessions {
  readonly #sessions = new Map<string, Session>();

  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.#sessions.get(id);
    if (!session || session.expiresAt < Date.now()) {
      this.#sessions.delete(id ?? '');
      return undefined;
    }
    return session;
  }

  create(): { id: string; session: Session } {
    const id = randomBytes(24).toString('base64url');
    const session: Session = { expiresAt: Date.now() + TTL_MS };
    this.#sessions.set(id, session);
    return { id, session };
  }

  destroy(id: string | undefined): void {
    if (id) this.#sessions.delete(id);
  }
}
