import { AdminApiError, errorMessage } from '../api.ts';
import { getLocale } from '../i18n/localization.ts';

/** Fired (bubbling out of shadow roots) when the platform refuses the operator token. */
export const UNAUTHORIZED = 'admin-unauthorized';
/** Fired to open a back-end profile's details; `detail` is its id. */
export const OPEN_PROFILE = 'admin-open-profile';

/**
 * The one way components report a failed call: a refused operator token ends the session
 * (the app asks for it again), anything else is the message to show in place.
 */
export function failure(from: HTMLElement, error: unknown): string {
  if (error instanceof AdminApiError && error.unauthorized) {
    from.dispatchEvent(
      new CustomEvent(UNAUTHORIZED, { bubbles: true, composed: true, detail: errorMessage(error) }),
    );
  }
  return errorMessage(error);
}

export const formatDate = (iso: string) =>
  new Date(iso).toLocaleString(getLocale(), { dateStyle: 'medium', timeStyle: 'short' });

/** Fired by a part of the details page that changed the profile; `detail` is the profile as it is now. */
export const PROFILE_CHANGED = 'admin-profile-changed';
/** Fired when the profile was deleted; the details page has nothing left to show. */
export const PROFILE_DELETED = 'admin-profile-deleted';
