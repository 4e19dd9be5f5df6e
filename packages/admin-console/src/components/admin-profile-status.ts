import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AdminApi, BackendProfileDetails } from '../api.ts';
import '@planner/ui/confirm-dialog';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import { failure, formatDate, PROFILE_CHANGED, PROFILE_DELETED } from './events.ts';
import { base } from './styles.ts';

/**
 * A profile's status card: disable (reversible: its key gets no token and every standard
 * and static token is refused until it is enabled again) and delete (for good). Both are
 * confirmed first; the platform applies them on every instance from the next request on.
 */
@customElement('admin-profile-status')
@localized()
export class AdminProfileStatus extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) profile!: BackendProfileDetails;
  @state() private _busy = false;
  @state() private _done = '';
  @state() private _error = '';
  @query('ui-confirm-dialog') private _confirm!: ConfirmDialog;

  async #disable(): Promise<void> {
    const ok = await this._confirm.ask({
      title: msg('Disable this back-end profile?'),
      message: msg(
        'Its access key gets no more tokens, and its standard and static tokens are refused from their next request on. You can enable it again later.',
      ),
      confirmLabel: msg('Disable profile'),
      cancelLabel: msg('Cancel'),
      danger: true,
    });
    if (ok)
      await this.#act(() => this.api.disableBackendProfile(this.profile.id), msg('The profile is disabled.'));
  }

  async #enable(): Promise<void> {
    await this.#act(
      () => this.api.enableBackendProfile(this.profile.id),
      msg('The profile is enabled again.'),
    );
  }

  async #delete(): Promise<void> {
    const ok = await this._confirm.ask({
      title: msg('Delete this back-end profile?'),
      message: msg(
        'Its access key and every token it holds stop working at once, for good. This cannot be undone: the external system would need a new profile.',
      ),
      confirmLabel: msg('Delete profile'),
      cancelLabel: msg('Cancel'),
      danger: true,
    });
    if (!ok) return;
    this._busy = true;
    this._error = '';
    try {
      await this.api.deleteBackendProfile(this.profile.id);
      this.dispatchEvent(
        new CustomEvent(PROFILE_DELETED, { detail: this.profile, bubbles: true, composed: true }),
      );
    } catch (error) {
      this._error = failure(this, error);
    } finally {
      this._busy = false;
    }
  }

  async #act(work: () => Promise<unknown>, done: string): Promise<void> {
    this._busy = true;
    this._error = '';
    try {
      await work();
      // The details (with the access key) again: the status answer is the list's shape.
      const profile = await this.api.backendProfile(this.profile.id);
      this._done = done;
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
    const disabled = p.status === 'disabled';
    return html`
      <section class="card" aria-labelledby="status-title">
        <h2 id="status-title">${msg('Status')}</h2>
        <p class="state">
          ${
            disabled
              ? html`<span class="badge off">${msg('Disabled')}</span> ${msg(str`since ${formatDate(p.disabled_at ?? p.created_at)}: its tokens are refused`)}`
              : html`<span class="badge on">${msg('Active')}</span> ${msg('its access key and tokens work')}`
          }
        </p>
        <div class="row">
          ${
            disabled
              ? html`<button type="button" class="btn primary" ?disabled=${this._busy} @click=${() => this.#enable()}>${msg('Enable profile')}</button>`
              : html`<button type="button" class="btn danger" ?disabled=${this._busy} @click=${() => this.#disable()}>${msg('Disable profile')}</button>`
          }
          <button type="button" class="btn danger" ?disabled=${this._busy} @click=${() => this.#delete()}>${msg('Delete profile')}</button>
        </div>
        <p class="notice ok" role="status" ?hidden=${!this._done}>${this._done}</p>
        <p class="notice error" role="alert" ?hidden=${!this._error}>${this._error}</p>
      </section>
      <ui-confirm-dialog></ui-confirm-dialog>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .state {
        display: flex;
        gap: 8px;
        align-items: center;
        margin: 0 0 12px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-profile-status': AdminProfileStatus;
  }
}
