import { type Draft, parseDraft } from './draft.ts';

export interface DraftStoreOptions {
  /** Where drafts live; null (or a storage that throws) keeps them in memory only. */
  storage: Storage | null;
  key: string;
  /** Writes within this many milliseconds are merged into one. */
  debounceMs?: number;
}

/**
 * The local draft: the current design is written on every change (debounced) so that a
 * reload, an expired token or a failed refresh loses nothing. Storage can be missing or
 * refuse writes (Safari's third-party iframe rules, a full quota, private mode): then the
 * draft lives in memory and `persistent` says so, and the UI can tell the user.
 */
export class DraftStore {
  readonly #storage: Storage | null;
  readonly #key: string;
  readonly #debounceMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: (() => Draft) | undefined;
  #memory: Draft | null = null;
  #persistent: boolean;

  constructor(options: DraftStoreOptions) {
    this.#storage = options.storage;
    this.#key = options.key;
    this.#debounceMs = options.debounceMs ?? 400;
    this.#persistent = options.storage !== null;
  }

  /** False once storage was found missing or refused a write. */
  get persistent(): boolean {
    return this.#persistent;
  }

  load(): Draft | null {
    if (this.#storage) {
      try {
        const draft = parseDraft(this.#storage.getItem(this.#key));
        if (draft) return draft;
      } catch {
        this.#persistent = false;
      }
    }
    return this.#memory;
  }

  /** Writes soon; the latest call wins. `make` is called at write time, so it sees the newest state. */
  schedule(make: () => Draft): void {
    this.#pending = make;
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.#debounceMs);
    }
  }

  /** Writes a scheduled draft now (before the page goes away). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const make = this.#pending;
    this.#pending = undefined;
    if (make) this.write(make());
  }

  /** Writes at once, replacing anything scheduled. Returns whether it reached storage. */
  write(draft: Draft): boolean {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
    const stamped: Draft = { ...draft, savedAt: new Date().toISOString() };
    this.#memory = stamped;
    if (!this.#storage) return false;
    try {
      this.#storage.setItem(this.#key, JSON.stringify(stamped));
      this.#persistent = true;
      return true;
    } catch {
      this.#persistent = false;
      return false;
    }
  }

  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
    this.#memory = null;
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // Nothing stored that we could remove.
    }
  }
}

/** `window.localStorage`, or null where reading it throws (storage blocked for third-party frames). */
export function defaultStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

export interface DraftShelfOptions {
  storage: Storage | null;
  /** Each owner's draft is kept under `${prefix}:${owner}`. */
  prefix: string;
  debounceMs?: number;
}

/**
 * One draft per owner (`visitor:<le>` or `user:<le>:<sub>`, see `draftOwner`). Until the
 * owner is proven (no verified token yet, or just after `Logout`) the draft lives in memory
 * only, where nobody after can find it. The draft stored under the bare prefix, before drafts
 * had owners, cannot be given to anyone and is removed.
 */
export class DraftShelf {
  readonly #options: DraftShelfOptions;

  constructor(options: DraftShelfOptions) {
    this.#options = options;
    try {
      options.storage?.removeItem(options.prefix);
    } catch {
      // Storage refused: nothing could have been kept there either.
    }
  }

  for(owner: string | null): DraftStore {
    const { storage, prefix, debounceMs } = this.#options;
    return new DraftStore({
      storage: owner === null ? null : storage,
      key: `${prefix}:${owner ?? 'nobody'}`,
      ...(debounceMs === undefined ? {} : { debounceMs }),
    });
  }
}
