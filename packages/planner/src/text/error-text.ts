/**
 * Every sentence the planner shows about something that went wrong (or right) with a
 * project, the session's saving rules, or a request, by code. Logic returns codes (a
 * `Notice` carries one, `reasonOf` turns an api-client error into one); only the UI turns
 * them into words, here. Each sentence is a `msg()` (@lit/localize), called when shown, so it
 * speaks the current language: keep it a function of a code and its parameters.
 */

import { msg, str } from '@lit/localize';
import { REASONS, type ReasonCode } from './reason-text.ts';

export type { ReasonCode };

export interface TextParams {
  /** A project's name, or a message's subject. */
  name?: string;
  version?: number | null;
  /** Why it failed; its sentence follows the message's own. */
  reason?: ReasonCode;
}

const reason = (p: TextParams): string => REASONS[p.reason ?? 'UNKNOWN']();

const TEXT = {
  ...REASONS,
  // ——— the workspace's notices ———
  RESTORED: () => msg('Your unsaved design was restored from this device.'),
  OPENED: (p: TextParams) => msg(str`Opened “${p.name}”.`),
  OPEN_FAILED: (p: TextParams) => msg(str`Could not open the project. ${reason(p)}`),
  RELOADED: (p: TextParams) =>
    msg(str`Loaded the latest saved version (v${p.version}). Undo brings your changes back.`),
  RELOAD_FAILED: (p: TextParams) => msg(str`Could not load the saved version. ${reason(p)}`),
  UPDATED_TO_LATEST: () => msg('Updated to the latest saved version of this project.'),
  SAVED: (p: TextParams) => msg(str`Saved “${p.name}”.`),
  SAVED_AS_COPY: (p: TextParams) => msg(str`Saved as “${p.name}”.`),
  SAVE_FAILED: (p: TextParams) => msg(str`Not saved: ${reason(p)} Your changes are kept on this device.`),
  SAVE_CONFLICT: () =>
    msg(
      'This project was changed somewhere else (another tab or device) since you opened it. Nothing was overwritten.',
    ),
  LOGIN_TO_SAVE: () => msg('Log in on the shop to save your design. It stays here in the meantime.'),
  READ_ONLY_SESSION: () =>
    msg('Your shop session is read-only. Log in on the shop again to save; your design stays here.'),
  NOT_READY: () => msg('Still connecting to the shop; try saving again in a moment.'),
  OFFLINE: () =>
    msg('You are offline. Your changes are kept on this device; save again once you are back online.'),
  SESSION_EXPIRED: () =>
    msg('Your session could not be renewed, so nothing was saved. Your changes are kept on this device.'),
  NOT_ALLOWED: () => msg('This page is not allowed to save planner projects.'),
  DELETED_OPEN: () => msg('The project was deleted. Its design is still here, unsaved, until you close it.'),
  DELETE_CONFLICT: () => msg('The project changed elsewhere since you opened it, so it was not deleted.'),
  DELETE_FAILED: (p: TextParams) => msg(str`Could not delete the project. ${reason(p)}`),
  DELETED_ELSEWHERE: () =>
    msg('This project was deleted elsewhere. Its design is still here: save to keep it.'),
  OTHER_ACCOUNT: () =>
    msg('This design belonged to another account; saving will create a new project for you.'),

  // ——— lists the UI loads ———
  PROJECTS_LOAD_FAILED: (p: TextParams) => msg(str`Your projects could not be loaded. ${reason(p)}`),
  INBOX_LOAD_FAILED: (p: TextParams) => msg(str`Your messages could not be loaded. ${reason(p)}`),
  INBOX_MARK_FAILED: (p: TextParams) => msg(str`“${p.name}” could not be marked as read. ${reason(p)}`),
} satisfies Record<string, (p: TextParams) => string>;

export type TextCode = keyof typeof TEXT;

/** Every code with a text (for tests and translators). */
export const TEXT_CODES = Object.keys(TEXT) as TextCode[];

/** The sentence for a code, for people. */
export function errorText(code: TextCode, params: TextParams = {}): string {
  return TEXT[code](params);
}
