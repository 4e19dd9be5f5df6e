import type { ReactiveControllerHost } from 'lit';

/**
 * The text of the host's polite live region: what just happened, for screen readers. The same
 * sentence twice is still announced twice: a trailing no-break space alternates.
 */
export class Announcer {
  readonly #host: ReactiveControllerHost;
  #toggle = false;
  text = '';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  announce(text: string): void {
    this.#toggle = !this.#toggle;
    this.text = this.#toggle ? text : `${text}\u00a0`;
    this.#host.requestUpdate();
  }
}
