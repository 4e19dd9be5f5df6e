import type { Design } from './design.ts';
import { History, type HistoryOptions } from './history.ts';

export type EditorChange =
  | { kind: 'edit'; label: string }
  | { kind: 'undo'; label: string }
  | { kind: 'redo'; label: string }
  | { kind: 'reset' };

export type EditorListener = (design: Design, change: EditorChange) => void;

/**
 * The design being edited plus its history. Edits are pure functions of the design (see
 * commands.ts); an edit that returns the same design is not recorded. Listeners hear every
 * change with what caused it, for redraws, drafts and announcements.
 */
export class Editor {
  #design: Design;
  readonly #history: History<Design>;
  readonly #listeners = new Set<EditorListener>();
  /** Counts changes; a save compares it to know whether edits happened meanwhile. */
  #revision = 0;

  constructor(initial: Design, options?: HistoryOptions) {
    this.#design = initial;
    this.#history = new History<Design>(options);
  }

  get design(): Design {
    return this.#design;
  }

  get revision(): number {
    return this.#revision;
  }

  get canUndo(): boolean {
    return this.#history.canUndo;
  }

  get canRedo(): boolean {
    return this.#history.canRedo;
  }

  get undoLabel(): string | undefined {
    return this.#history.undoLabel;
  }

  get redoLabel(): string | undefined {
    return this.#history.redoLabel;
  }

  /** Applies an edit; returns whether it changed anything. */
  apply(label: string, edit: (design: Design) => Design, coalesceKey?: string): boolean {
    const before = this.#design;
    const after = edit(before);
    if (after === before) return false;
    this.#history.record(before, after, label, coalesceKey);
    this.#set(after, { kind: 'edit', label });
    return true;
  }

  /** Returns the label of the undone edit, or undefined when there was nothing to undo. */
  undo(): string | undefined {
    const entry = this.#history.undo();
    if (!entry) return undefined;
    this.#set(entry.before, { kind: 'undo', label: entry.label });
    return entry.label;
  }

  redo(): string | undefined {
    const entry = this.#history.redo();
    if (!entry) return undefined;
    this.#set(entry.after, { kind: 'redo', label: entry.label });
    return entry.label;
  }

  /** Replaces the design and forgets the history (another project was opened). */
  reset(design: Design): void {
    this.#history.clear();
    this.#set(design, { kind: 'reset' });
  }

  subscribe(listener: EditorListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(design: Design, change: EditorChange): void {
    this.#design = design;
    this.#revision++;
    for (const listener of this.#listeners) listener(design, change);
  }
}
