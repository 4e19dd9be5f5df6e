import type { TokenProvider, TraceHook } from './connect.ts';
import { embedPlanner, type PlannerEmbed } from './embed.ts';
import type { EmbedEventMap } from './events.ts';

/** The DOM events `<planner-embed>` fires: `planner-` plus the SDK event name in lower case. */
export interface PlannerEmbedElementEventMap {
  'planner-ready': CustomEvent<EmbedEventMap['ready']>;
  'planner-tokenexpired': CustomEvent<EmbedEventMap['tokenExpired']>;
  'planner-loginrequired': CustomEvent<EmbedEventMap['loginRequired']>;
  'planner-projectsaved': CustomEvent<EmbedEventMap['projectSaved']>;
  'planner-error': CustomEvent<EmbedEventMap['error']>;
  'planner-resize': CustomEvent<EmbedEventMap['resize']>;
  'planner-basket': CustomEvent<EmbedEventMap['basket']>;
  'planner-analytics': CustomEvent<EmbedEventMap['analytics']>;
}

/**
 * `<planner-embed src="https://planner.example/" auto-resize auto-renew-session>`: embeds the planner once it is
 * in the document and has both `src` and a `token` provider; destroys it when removed.
 *
 * @fires planner-ready, planner-tokenexpired, planner-loginrequired, planner-projectsaved,
 *   planner-error, planner-resize, planner-basket, planner-analytics — `detail` is the SDK
 *   event's payload.
 */
export class PlannerEmbedElement extends HTMLElement {
  static observedAttributes = ['src'];

  /** The running embed (`ready`, `login()`, `logout()`), while there is one. */
  planner: PlannerEmbed | undefined;
  /** Sees every message and event exchanged with the planner (see `EmbedOptions.trace`). */
  trace: TraceHook | undefined;
  #token: TokenProvider | undefined;

  /** The token provider: returns a JWT from the host's back-end. */
  get token(): TokenProvider | undefined {
    return this.#token;
  }
  set token(provider: TokenProvider | undefined) {
    this.#token = provider;
    this.connectedCallback();
  }

  connectedCallback(): void {
    // A page that sets `token` or `trace` before the SDK's script has defined the element
    // leaves an own property that hides the setter: take it over, as Lit's upgrade does.
    for (const name of ['token', 'trace'] as const) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value as never;
        if (name === 'token') return; // the setter has connected
      }
    }
    const url = this.getAttribute('src');
    if (this.planner || !this.isConnected || !url || !this.#token) return;
    // Read on every call, so a new `token` takes effect without reloading the planner.
    this.planner = embedPlanner({
      url,
      container: this,
      token: () => this.#token!(),
      autoResize: this.hasAttribute('auto-resize'),
      autoRenewSession: this.hasAttribute('auto-renew-session'),
      events: this,
      // Read on every message, so a developer panel can attach at any time.
      trace: (...args) => this.trace?.(...args),
    });
  }

  disconnectedCallback(): void {
    this.planner?.destroy();
    this.planner = undefined;
  }

  // A new `src` may be another planner on another origin: start over. Like an iframe's `src`,
  // setting it again, even to the same value, reloads.
  attributeChangedCallback(): void {
    this.disconnectedCallback();
    this.connectedCallback();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-embed': PlannerEmbedElement;
  }
}

// Guarded: two copies of the SDK on one page must not throw on the second `define`.
if (!customElements.get('planner-embed')) customElements.define('planner-embed', PlannerEmbedElement);
