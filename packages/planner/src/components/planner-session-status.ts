import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SessionState } from '../services.ts';
import { onShopperName, shopperNameFor } from '../session/shopper-name.ts';
import { renewFailureText } from '../text/session-text.ts';
import { icon } from './icons.ts';
import { base } from './styles.ts';

type Tone = 'neutral' | 'ok' | 'busy' | 'warn' | 'error';

/**
 * What to show for each session state: a short chip text, a tone, and a longer explanation.
 * A signed-in shopper is named by `name` when the host gave one, else by their user id.
 */
export function describeSession(
  state: SessionState,
  name = '',
): { text: string; tone: Tone; detail: string } {
  switch (state.status) {
    case 'connecting':
      return {
        text: msg('Connecting…'),
        tone: 'busy',
        detail: msg('Waiting for the shop to connect the planner.'),
      };
    case 'visitor':
      return {
        text: msg('Visitor'),
        tone: 'neutral',
        detail: msg('You can design freely. Log in on the shop to save.'),
      };
    case 'signed-in':
      return state.canSave
        ? {
            text: msg(str`Signed in as ${name || state.userId}`),
            tone: 'ok',
            detail: msg('Your projects are saved to your account.'),
          }
        : {
            text: msg(str`Signed in as ${name || state.userId} (read-only)`),
            tone: 'neutral',
            detail: msg('This session can open projects but not save them.'),
          };
    case 'refreshing':
      return {
        text: msg('Renewing session…'),
        tone: 'busy',
        detail: msg('Your work continues; saving waits a moment.'),
      };
    case 'renew-failed':
      return {
        text: msg('Session could not be renewed'),
        tone: 'error',
        detail: msg(str`${renewFailureText(state.reason)} Your design is kept on this device.`),
      };
    case 'offline':
      // The queue holds calls until the network is back (within their deadline), so a save
      // made now is not lost: it goes out then.
      return {
        text: msg("Offline — changes will be sent when you're back"),
        tone: 'warn',
        detail: msg('Your changes are kept on this device and sent once the connection returns.'),
      };
    case 'refused':
      return {
        text: msg('Not allowed here'),
        tone: 'error',
        detail: msg('This page is not allowed to embed the planner.'),
      };
  }
}

/**
 * The session as a compact chip (connecting, visitor, signed in as … — the shopper's name
 * when the host gave one, see `session/shopper-name.ts` —, renewing, offline, failed, refused). When renewing failed it offers Retry.
 *
 * @fires planner-session-retry - the user asks to try renewing the session again
 */
@customElement('planner-session-status')
@localized()
export class PlannerSessionStatus extends LitElement {
  @property({ attribute: false }) state: SessionState = { status: 'connecting' };
  /** Offer Retry when renewing failed (off when the page shows its own Retry). */
  @property({ type: Boolean, attribute: 'retry-button' }) retryButton = true;

  #stopName: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopName = onShopperName(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopName?.();
  }

  override render() {
    const { text, tone, detail } = describeSession(this.state, shopperNameFor(this.state));
    return html`
      <span class="chip ${tone}" title=${detail}>
        <span class="dot" aria-hidden="true"></span>
        <span class="text">${text}</span>
        <span class="sr-only">. ${detail}</span>
      </span>
      ${
        this.state.status === 'renew-failed' && this.retryButton
          ? html`<button
            type="button"
            class="btn small"
            @click=${() => this.dispatchEvent(new Event('planner-session-retry', { bubbles: true, composed: true }))}
          >
            ${icon('refresh', 14)} ${msg('Retry')}
          </button>`
          : nothing
      }
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        min-width: 0;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 7px;
        max-width: 100%;
        padding: 4px 10px;
        border-radius: 999px;
        font-size: 13px;
        font-weight: 500;
        background: var(--pl-sunken);
        color: var(--pl-muted);
        white-space: nowrap;
      }
      .text {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .dot {
        flex: none;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--pl-faint);
      }
      .ok {
        background: var(--pl-success-soft);
        color: var(--pl-success);
      }
      .ok .dot {
        background: var(--pl-success);
      }
      .busy .dot {
        background: var(--pl-accent);
        animation: pulse 1.2s ease-in-out infinite;
      }
      .warn {
        background: var(--pl-warn-soft);
        color: var(--pl-warn);
      }
      .warn .dot {
        background: var(--pl-warn);
      }
      .error {
        background: var(--pl-danger-soft);
        color: var(--pl-danger);
      }
      .error .dot {
        background: var(--pl-danger);
      }
      @keyframes pulse {
        50% {
          opacity: 0.3;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .busy .dot {
          animation: none;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-session-status': PlannerSessionStatus;
  }
  interface HTMLElementEventMap {
    'planner-session-retry': Event;
  }
}
