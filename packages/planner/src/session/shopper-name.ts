import type { SessionState } from '../services.ts';

/**
 * The signed-in shopper's name as the host gave it (`Settings.shopper`), for the session
 * badge. It belongs to one signed-in session: once the planner has seen that session end
 * (back to connecting after a logout, or a visitor), it is forgotten, so the next shopper on
 * this device is never greeted with the last one's name; the host sends it after each login.
 * A name that arrives while the planner is still a visitor (the host's login and its
 * `configure` race the token check) waits for the session it belongs to.
 */
let name = '';
let signedIn = false;
const listeners = new Set<() => void>();

/** Control characters and surrounding space go (the protocol bounded the length already). */
export function setShopperName(value: string | undefined): void {
  if (value === undefined) return;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
  name = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  for (const listener of listeners) listener();
}

export function onShopperName(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The name to show for this session state ('' for none). */
export function shopperNameFor(state: SessionState): string {
  if (state.status === 'connecting' || state.status === 'visitor') {
    if (signedIn) name = '';
    signedIn = false;
    return '';
  }
  if (state.status === 'signed-in') signedIn = true;
  return name;
}
