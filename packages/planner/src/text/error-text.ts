/**
 * Every sentence the planner shows about something that went wrong (or right) with a
 * project, the session's saving rules, or a request, by code. Logic returns codes (a
 * `Notice` carries one, `reasonOf` turns an api-client error into one); only the UI turns
 * them into words, here. This is where translation plugs in later (@lit/localize's `msg`):
 * keep it a function of a code and its parameters.
 */

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
  RESTORED: () => 'Your unsaved design was restored from this device.',
  OPENED: (p: TextParams) => `Opened “${p.name}”.`,
  OPEN_FAILED: (p: TextParams) => `Could not open the project. ${reason(p)}`,
  RELOADED: (p: TextParams) =>
    `Loaded the latest saved version (v${p.version}). Undo brings your changes back.`,
  RELOAD_FAILED: (p: TextParams) => `Could not load the saved version. ${reason(p)}`,
  UPDATED_TO_LATEST: () => 'Updated to the latest saved version of this project.',
  SAVED: (p: TextParams) => `Saved “${p.name}”.`,
  SAVED_AS_COPY: (p: TextParams) => `Saved as “${p.name}”.`,
  SAVE_FAILED: (p: TextParams) => `Not saved: ${reason(p)} Your changes are kept on this device.`,
  SAVE_CONFLICT: () =>
    'This project was changed somewhere else (another tab or device) since you opened it. Nothing was overwritten.',
  LOGIN_TO_SAVE: () => 'Log in on the shop to save your design. It stays here in the meantime.',
  READ_ONLY_SESSION: () =>
    'Your shop session is read-only. Log in on the shop again to save; your design stays here.',
  NOT_READY: () => 'Still connecting to the shop; try saving again in a moment.',
  OFFLINE: () =>
    'You are offline. Your changes are kept on this device; save again once you are back online.',
  SESSION_EXPIRED: () =>
    'Your session could not be renewed, so nothing was saved. Your changes are kept on this device.',
  NOT_ALLOWED: () => 'This page is not allowed to save planner projects.',
  DELETED_OPEN: () => 'The project was deleted. Its design is still here, unsaved, until you close it.',
  DELETE_CONFLICT: () => 'The project changed elsewhere since you opened it, so it was not deleted.',
  DELETE_FAILED: (p: TextParams) => `Could not delete the project. ${reason(p)}`,
  DELETED_ELSEWHERE: () => 'This project was deleted elsewhere. Its design is still here: save to keep it.',
  OTHER_ACCOUNT: () => 'This design belonged to another account; saving will create a new project for you.',

  // ——— lists the UI loads ———
  PROJECTS_LOAD_FAILED: (p: TextParams) => `Your projects could not be loaded. ${reason(p)}`,
  INBOX_LOAD_FAILED: (p: TextParams) => `Your messages could not be loaded. ${reason(p)}`,
  INBOX_MARK_FAILED: (p: TextParams) => `“${p.name}” could not be marked as read. ${reason(p)}`,
} satisfies Record<string, (p: TextParams) => string>;

export type TextCode = keyof typeof TEXT;

/** Every code with a text (for tests and translators). */
export const TEXT_CODES = Object.keys(TEXT) as TextCode[];

/** The sentence for a code, for people. */
export function errorText(code: TextCode, params: TextParams = {}): string {
  return TEXT[code](params);
}
