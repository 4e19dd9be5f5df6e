import { msg } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { webglUnavailableText } from '../text/view3d-text.ts';

/**
 * Whether the plan is shown in 3D, and why it cannot be. The 3D chunk (three.js) loads on the
 * first open, after a WebGL check (`view3d/open.ts`); a renderer that fails later closes the
 * view with its reason. Each change is announced; the host re-renders.
 */
export class View3dController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #announce: (text: string) => void;

  /** The 3D view is shown. */
  isOpen = false;
  /** Why the 3D view cannot be shown, in words (the last failure), or null. */
  error: string | null = null;

  constructor(host: ReactiveControllerHost, announce: (text: string) => void) {
    this.#host = host;
    this.#announce = announce;
    host.addController(this);
  }

  hostConnected(): void {}

  async toggle(): Promise<void> {
    if (this.isOpen) {
      this.isOpen = false;
      this.#host.requestUpdate();
      this.#announce(msg('Back to the 2D plan.'));
      return;
    }
    const opened = await import('../view3d/open.ts').then((m) => m.open3d());
    if (!opened.ok) {
      this.unavailable();
      return;
    }
    this.error = null;
    this.isOpen = true;
    this.#host.requestUpdate();
    this.#announce(msg('Showing the room in 3D.'));
  }

  /** No WebGL, or the renderer could not start after all (a refused context): 2D, saying why. */
  unavailable(): void {
    const message = webglUnavailableText();
    this.isOpen = false;
    this.error = message;
    this.#host.requestUpdate();
    this.#announce(message);
  }
}
