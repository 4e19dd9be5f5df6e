import type { TextCode, TextParams } from '../text/error-text.ts';

/**
 * A message for the user about the project (saving, opening, conflicts), as a code and its
 * parameters: the UI words it (`text/error-text.ts`).
 */
export type Notice = (
  | { kind: 'info' | 'success' }
  | { kind: 'error'; retry?: 'save' }
  /** A visitor tried to save: the host was asked to show its login. */
  | { kind: 'login' }
  /** A save met a newer version: the user chooses how to go on. */
  | { kind: 'conflict' }
) & { code: TextCode; params?: TextParams };

/** A draft with unsaved changes was found on this device and shown. */
export const RESTORED: Notice = { kind: 'info', code: 'RESTORED' };
