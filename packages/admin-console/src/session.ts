/**
 * Where the operator token is kept: `sessionStorage`, so it lives as long as the tab and
 * never reaches another tab, the disk profile or a cookie the browser would send by itself.
 */
const KEY = 'planner-admin.operator-token';

export interface TokenStore {
  load(): string | null;
  save(token: string): void;
  clear(): void;
}

export function sessionTokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined) {
  return {
    load(): string | null {
      try {
        return storage?.getItem(KEY) || null;
      } catch {
        // Storage can be disabled by policy: the operator just signs in again.
        return null;
      }
    },
    save(token: string): void {
      try {
        storage?.setItem(KEY, token);
      } catch {
        // As above: the session works, it is just not kept across reloads.
      }
    },
    clear(): void {
      try {
        storage?.removeItem(KEY);
      } catch {
        // Nothing was kept.
      }
    },
  } satisfies TokenStore;
}
