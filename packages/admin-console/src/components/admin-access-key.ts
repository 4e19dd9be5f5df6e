import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AdminApi, BackendProfileDetails } from '../api.ts';
import '@planner/ui/confirm-dialog';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import './admin-secret.ts';
import { failure, formatDate, PROFILE_CHANGED } from './events.ts';
import { base } from './styles.ts';

/** How long the old key keeps working after a rotation: at once (a leak), or time to roll out. */
const OVERLAPS: readonly { seconds: number; label: () => string }[] = [
  { seconds: 0, label: () => msg('Refuse it at once') },
  { seconds: 3600, label: () => msg('Keep it working for 1 hour') },
  { seconds: 86_400, label: () => msg('Keep it working for 24 hours') },
];

/**
 * The access key card of a profile's details page: the key (seed 000 shows it there), and
 * its rotation. The old key is refused at once, with every standard token it obtained, or
 * after the overlap chosen here, so the external system can switch without a gap.
 */
@customElement('admin-access-key')
@localized()
export class AdminAccessKey extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) profile!: BackendProfileDetails;
  /** Injectable clock, so a test can tell "overlap still running" from "over". */
  @property({ attribute: false }) now: () => number = Date.now;
  @state() private _overlap = 0;
  @state() private _busy = false;
  @state() private _done = '';
  @state() private _error = '';
  @query('ui-confirm-dialog') private _confirm!: ConfirmDialog;

  async #rotate(): Promise<void> {
    const overlap = this._overlap;
    const ok = await this._confirm.ask({
      title: msg('Rotate the access key?'),
      message:
        overlap === 0
          ? msg(
              'A new access key replaces this one. The current key, and every standard token it obtained, is refused from the next request on.',
            )
          : overlap === 3600
            ? msg(
                'A new access key replaces this one. The current key, and its standard tokens, keep working for 1 hour, then are refused.',
              )
            : msg(
                str`A new access key replaces this one. The current key, and its standard tokens, keep working for ${overlap / 3600} hours, then are refused.`,
              ),
      confirmLabel: msg('Rotate access key'),
      cancelLabel: msg('Cancel'),
      danger: true,
    });
    if (!ok) return;
    this._busy = true;
    this._error = '';
    try {
      const profile = await this.api.rotateAccessKey(this.profile.id, overlap);
      this._done = msg('New access key: give it to the external system now.');
      this.dispatchEvent(
        new CustomEvent(PROFILE_CHANGED, { detail: profile, bubbles: true, composed: true }),
      );
    } catch (error) {
      this._error = failure(this, error);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const p = this.profile;
    const previousUntil = p.previous_access_key_expires_at;
    const overlapping = previousUntil !== null && Date.parse(previousUntil) > this.now();
    return html`
      <admin-secret label=${msg('Access key')} .value=${p.access_key}></admin-secret>
      <p class="hint small">${msg(html`The external system sends the access key to <code>POST /v1/backend/tokens</code> for a standard token, valid 60 minutes.`)}</p>
      ${p.access_key_rotated_at ? html`<p class="hint small">${msg(str`Last rotated ${formatDate(p.access_key_rotated_at)}.`)}</p>` : ''}
      ${
        overlapping
          ? html`<p class="notice warn previous">${msg(str`The previous access key still works until ${formatDate(previousUntil)}.`)}</p>`
          : ''
      }
      <div class="row rotate">
        <div class="field">
          <label for="overlap">${msg('Previous key after rotation')}</label>
          <select id="overlap" class="input" .value=${String(this._overlap)}
            @change=${(e: Event) => {
              this._overlap = Number((e.target as HTMLSelectElement).value);
            }}>
            ${OVERLAPS.map((o) => html`<option value=${o.seconds} ?selected=${o.seconds === this._overlap}>${o.label()}</option>`)}
          </select>
        </div>
        <button type="button" class="btn danger" ?disabled=${this._busy} @click=${() => this.#rotate()}>
          ${msg('Rotate access key')}
        </button>
      </div>
      <p class="notice ok" role="status" ?hidden=${!this._done}>${this._done}</p>
      <p class="notice error" role="alert" ?hidden=${!this._error}>${this._error}</p>
      <ui-confirm-dialog></ui-confirm-dialog>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .small {
        font-size: 13px;
        margin: 6px 0 0;
      }
      .rotate {
        margin-top: 12px;
      }
      code {
        font-family: var(--pl-mono);
        font-size: 12px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-access-key': AdminAccessKey;
  }
}
