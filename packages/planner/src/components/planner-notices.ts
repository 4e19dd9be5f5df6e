import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Notice } from '../project/notice.ts';
import type { SessionState } from '../services.ts';
import { errorText } from '../text/error-text.ts';
import { renewFailureText } from '../text/session-text.ts';
import { NOTICE_COMMAND_EVENT, type NoticeCommand } from './app-events.ts';
import { icon } from './icons.ts';
import { base } from './styles.ts';

/**
 * The banners under the header: the session's (this page may not embed the planner, the
 * session could not be renewed) and the workspace's notice (saved, conflict, log in to save,
 * errors), with their buttons. Errors and conflicts are alerts, the rest status messages.
 * Buttons are reported as `planner-notice-command` (detail: the command).
 */
@customElement('planner-notices')
@localized()
export class PlannerNotices extends LitElement {
  @property({ attribute: false }) session: SessionState = { status: 'connecting' };
  @property({ attribute: false }) notice: Notice | null = null;
  /** Something is in flight: the notice's buttons wait. */
  @property({ type: Boolean }) busy = false;

  #command(command: NoticeCommand): void {
    this.dispatchEvent(
      new CustomEvent(NOTICE_COMMAND_EVENT, { detail: command, bubbles: true, composed: true }),
    );
  }

  override render() {
    return html`${this.#renderSession()} ${this.#renderNotice()}`;
  }

  #renderSession() {
    const s = this.session;
    if (s.status === 'refused') {
      return html`
        <div class="banner error" role="alert">
          ${icon('alert', 18)}
          <p>
            <strong>${msg('This page is not allowed to embed the planner.')}</strong>
            ${msg('You can still sketch here, but nothing can be loaded or saved.')}
          </p>
        </div>
      `;
    }
    if (s.status === 'renew-failed') {
      return html`
        <div class="banner error" role="alert">
          ${icon('alert', 18)}
          <p>
            <strong>${msg('Your session could not be renewed.')}</strong> ${renewFailureText(s.reason)}
            ${msg('Your design is safe on this device.')}
          </p>
          <button type="button" class="btn small" @click=${() => this.#command('session-retry')}>
            ${icon('refresh', 14)} ${msg('Retry')}
          </button>
        </div>
      `;
    }
    return nothing;
  }

  #renderNotice() {
    const n = this.notice;
    if (!n) return nothing;
    const alert = n.kind === 'error' || n.kind === 'conflict';
    const busy = this.busy;
    const iconName =
      n.kind === 'success' ? 'check' : n.kind === 'info' || n.kind === 'login' ? 'info' : 'alert';
    return html`
      <div class="banner ${n.kind}" role=${alert ? 'alert' : 'status'}>
        ${icon(iconName, 18)}
        <p>${errorText(n.code, n.params)}</p>
        <div class="banner-actions">
          ${
            n.kind === 'conflict'
              ? html`
                <button type="button" class="btn small" ?disabled=${busy} @click=${() => this.#command('reload-theirs')}>
                  ${msg('Reload theirs')}
                </button>
                <button
                  type="button"
                  class="btn small primary"
                  ?disabled=${busy}
                  @click=${() => this.#command('save-as-copy')}
                >
                  ${msg('Keep mine (save as a copy)')}
                </button>
              `
              : nothing
          }
          ${
            n.kind === 'error' && n.retry === 'save'
              ? html`<button type="button" class="btn small" ?disabled=${busy} @click=${() => this.#command('retry-save')}>${msg('Try again')}</button>`
              : nothing
          }
          <button
            type="button"
            class="btn quiet icon small dismiss"
            aria-label=${msg('Dismiss this message')}
            @click=${() => this.#command('dismiss')}
          >
            ${icon('close', 14)}
          </button>
        </div>
      </div>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .banner {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 9px 16px;
        border-bottom: 1px solid var(--pl-border);
        background: var(--pl-accent-soft);
        color: var(--pl-accent-hover);
      }
      .banner p {
        margin: 0;
        flex: 1;
      }
      .banner > svg {
        flex: none;
      }
      .banner-actions {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        justify-content: flex-end;
      }
      .banner.error,
      .banner.conflict {
        background: var(--pl-danger-soft);
        color: var(--pl-danger);
      }
      .banner.conflict {
        background: var(--pl-warn-soft);
        color: #7a3a06;
      }
      .banner.login {
        background: #eef4ff;
        color: #1d4ed8;
      }
      .banner.success {
        background: var(--pl-success-soft);
        color: var(--pl-success);
      }
      @media (max-width: 759px) {
        .banner {
          flex-wrap: wrap;
          padding: 8px 12px;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-notices': PlannerNotices;
  }
}
