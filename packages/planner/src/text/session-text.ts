/**
 * Why the session could not be renewed, in words. The session's state carries only the code
 * (`session/session-state.ts` decides it from the client's events); the session badge and the
 * banner word it here, in the current language (`msg()`, called when shown). Part of the first
 * paint: the badge is in the header.
 */
import { msg } from '@lit/localize';

export type RenewFailure =
  /** The host page answered that it has no token (its provider failed). */
  | 'HOST_UNAVAILABLE'
  /** The host page did not answer with a token in time. */
  | 'HOST_TIMEOUT'
  /** Tokens kept expiring one after another: the client stopped asking for a while. */
  | 'REFRESH_LIMITED'
  /** Any other failed renewal. */
  | 'SESSION_ENDED';

const RENEW_FAILURES: Record<RenewFailure, () => string> = {
  HOST_UNAVAILABLE: () => msg('The shop could not provide a new session.'),
  HOST_TIMEOUT: () => msg('The shop did not send a new session in time.'),
  REFRESH_LIMITED: () => msg('The session keeps expiring; try again in a moment.'),
  SESSION_ENDED: () => msg('The session ended.'),
};

/** Every code with a text (for tests). */
export const RENEW_FAILURE_CODES = Object.keys(RENEW_FAILURES) as RenewFailure[];

/** The sentence for a failed renewal, for people. */
export function renewFailureText(code: RenewFailure): string {
  return RENEW_FAILURES[code]();
}
