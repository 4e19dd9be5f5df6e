/**
 * Undo/redo over immutable snapshots. Each entry remembers the state before and after one
 * user action and a label for announcements ("Moved Sofa"). Consecutive entries with the same
 * `coalesceKey` within `coalesceMs` merge (ten arrow-key nudges undo as one move).
 */
export interface HistoryEntry<T> {
  before: T;
  after: T;
  label: string;
  coalesceKey: string | undefined;
  at: number;
}

export interface HistoryOptions {
  /** Oldest entries are dropped beyond this. */
  limit?: number;
  coalesceMs?: number;
  now?: () => number;
}

export class History<T> {
  #undo: HistoryEntry<T>[] = [];
  #redo: HistoryEntry<T>[] = [];
  readonly #limit: number;
  readonly #coalesceMs: number;
  readonly #now: () => number;

  constructor(options: HistoryOptions = {}) {
    this.#limit = options.limit ?? 200;
    this.#coalesceMs = options.coalesceMs ?? 1000;
    this.#now = options.now ?? (() => Date.now());
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** The label of what undo would revert, for a tooltip. */
  get undoLabel(): string | undefined {
    return this.#undo.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.#redo.at(-1)?.label;
  }

  record(before: T, after: T, label: string, coalesceKey?: string): void {
    const now = this.#now();
    const last = this.#undo.at(-1);
    this.#redo = [];
    if (
      coalesceKey !== undefined &&
      last?.coalesceKey === coalesceKey &&
      last.after === before &&
      now - last.at <= this.#coalesceMs
    ) {
      last.after = after;
      last.label = label;
      last.at = now;
      return;
    }
    this.#undo.push({ before, after, label, coalesceKey, at: now });
    if (this.#undo.length > this.#limit) this.#undo.shift();
  }

  /** The entry undone (its `before` is the state to show), or undefined when there is none. */
  undo(): HistoryEntry<T> | undefined {
    const entry = this.#undo.pop();
    if (entry) this.#redo.push({ ...entry, coalesceKey: undefined });
    return entry;
  }

  /** The entry redone (its `after` is the state to show). */
  redo(): HistoryEntry<T> | undefined {
    const entry = this.#redo.pop();
    if (entry) this.#undo.push({ ...entry, coalesceKey: undefined });
    return entry;
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}
