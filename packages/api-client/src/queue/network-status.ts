/**
 * Whether the browser believes it is online: `navigator.onLine` and the window's `online` and
 * `offline` events. `onLine === false` is reliable (no network interface, airplane mode,
 * Playwright's `setOffline`); `true` only means "maybe", so the queue still treats a failed
 * `fetch` as a network error and retries it. This is the part of `window` the queue watches.
 */
export interface NetworkSource {
  readonly onLine: boolean;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** The page's own network status, where there is one (a browser); `null` elsewhere (Node). */
export function pageNetwork(): NetworkSource | null {
  const page = globalThis as {
    navigator?: { onLine?: unknown };
    addEventListener?: NetworkSource['addEventListener'];
    removeEventListener?: NetworkSource['removeEventListener'];
  };
  const { navigator, addEventListener, removeEventListener } = page;
  if (typeof navigator?.onLine !== 'boolean' || !addEventListener || !removeEventListener) return null;
  return {
    get onLine() {
      return navigator.onLine !== false;
    },
    addEventListener: (type, listener) => addEventListener.call(page, type, listener),
    removeEventListener: (type, listener) => removeEventListener.call(page, type, listener),
  };
}
