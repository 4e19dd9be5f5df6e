import { createHash, timingSafeEqual } from 'node:crypto';
import { PlatformError } from '../errors.ts';

const MIN_LENGTH = 32;
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The operator's token for the admin API (`PLANNER_ADMIN_TOKEN`). Compared as SHA-256
 * digests in constant time, so neither its content nor its length leaks through timing.
 */
export class OperatorToken {
  readonly #digest: Buffer;

  constructor(token: string) {
    if (token.length < MIN_LENGTH || /\s/.test(token)) {
      throw new PlatformError(
        'invalid_argument',
        `The admin token must be at least ${MIN_LENGTH} characters without spaces: \`planner-admin admin-token\` makes one.`,
      );
    }
    this.#digest = digest(token);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.#digest);
  }
}
