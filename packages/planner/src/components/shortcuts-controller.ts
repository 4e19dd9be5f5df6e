import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isTextField } from './keys.ts';

export interface ShortcutActions {
  save(): void;
  undo(): void;
  redo(): void;
  /** Escape: returns whether something (the catalog drawer) was closed. */
  escape(): boolean;
}

/**
 * The planner's keyboard shortcuts, on the host element while it is connected: Ctrl/⌘+S
 * saves, Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z and Ctrl/⌘+Y redo, Escape closes the drawer.
 * Keys of the plan itself (arrows, Delete, Ctrl+D) belong to the canvas.
 */
export class ShortcutsController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #actions: ShortcutActions;
  readonly #onKey = (e: KeyboardEvent) => this.#handle(e);

  constructor(host: ReactiveControllerHost & HTMLElement, actions: ShortcutActions) {
    this.#host = host;
    this.#actions = actions;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKey);
  }

  #handle(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 's') {
      e.preventDefault();
      this.#actions.save();
      return;
    }
    if (mod && !e.altKey && (key === 'z' || key === 'y')) {
      // In a text field the browser's own undo applies to the text.
      if (isTextField(e.composedPath()[0])) return;
      e.preventDefault();
      if (key === 'y' || e.shiftKey) this.#actions.redo();
      else this.#actions.undo();
      return;
    }
    if (e.key === 'Escape' && this.#actions.escape()) e.preventDefault();
  }
}
