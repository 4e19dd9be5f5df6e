import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Below this width the catalog becomes a drawer. */
const NARROW_QUERY = '(max-width: 759px)';

export interface DrawerParts {
  /** Focused when the drawer opens (the catalog's search field). */
  focusContent(): Promise<void> | void;
  /** Gets the focus back when the drawer closes (the button that opened it). */
  toggle(): HTMLElement | null;
}

/**
 * The catalog drawer of narrow screens: whether the screen is narrow (a media query, followed
 * while the host is connected), whether the drawer is open, and where the focus goes when it
 * opens and closes. Widening the screen closes it. The host re-renders on every change.
 */
export class DrawerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #parts: DrawerParts;
  #stop: (() => void) | undefined;

  /** The catalog is a drawer (the screen is narrow). */
  narrow = false;
  isOpen = false;

  constructor(host: ReactiveControllerHost, parts: DrawerParts) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(NARROW_QUERY);
    const onChange = () => {
      this.narrow = mq.matches;
      if (!mq.matches) this.isOpen = false;
      this.#host.requestUpdate();
    };
    onChange();
    mq.addEventListener('change', onChange);
    this.#stop = () => mq.removeEventListener('change', onChange);
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  async open(): Promise<void> {
    this.isOpen = true;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    await this.#parts.focusContent();
  }

  /** Closes without moving the focus (an action in the drawer took it elsewhere). */
  dismiss(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.#host.requestUpdate();
  }

  /** Closes and gives the focus back to the button that opened it. */
  close(): void {
    this.isOpen = false;
    this.#host.requestUpdate();
    this.#parts.toggle()?.focus();
  }
}
