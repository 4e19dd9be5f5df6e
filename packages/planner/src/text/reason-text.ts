/**
 * Why a request failed, in words: the part of `error-text.ts` the first paint needs (the
 * catalog's error). The other sentences are for the notices, dialogs and the inbox, which
 * load later with `components/deferred.ts`, in the current language (`msg()`).
 */
import { msg } from '@lit/localize';

/** Why a request failed, in terms people can act on. */
export type ReasonCode =
  | 'NETWORK'
  | 'TIMEOUT'
  | 'SESSION_NOT_RENEWED'
  | 'LOGGED_OUT'
  | 'BUSY'
  | 'CHANGED_ELSEWHERE'
  | 'NOT_FOUND'
  | 'TOO_LARGE'
  | 'FORBIDDEN'
  | 'SERVER'
  | 'UNKNOWN';

export const REASONS: Record<ReasonCode, () => string> = {
  NETWORK: () => msg('The server could not be reached.'),
  TIMEOUT: () => msg('The server took too long to answer.'),
  SESSION_NOT_RENEWED: () => msg('Your session with the shop could not be renewed.'),
  LOGGED_OUT: () => msg('You were logged out on the shop.'),
  BUSY: () => msg('Too many requests at once; please try again.'),
  CHANGED_ELSEWHERE: () => msg('This project was changed somewhere else.'),
  NOT_FOUND: () => msg('The project no longer exists.'),
  TOO_LARGE: () => msg('The project is too large to save.'),
  FORBIDDEN: () => msg('Your session is not allowed to do that.'),
  SERVER: () => msg('The server had a problem; please try again.'),
  UNKNOWN: () => msg('Something went wrong.'),
};

/** The sentence for a reason, for people. */
export function reasonText(code: ReasonCode): string {
  return REASONS[code]();
}
