import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AdminApi, BackendProfileDetails, NewStaticToken } from '../api.ts';
import { serviceLabel } from '../text/error-text.ts';
import '@planner/ui/confirm-dialog';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import './admin-access-key.ts';
import './admin-profile-status.ts';
import './admin-secret.ts';
import { failure, formatDate, PROFILE_CHANGED, PROFILE_DELETED } from './events.ts';
import { base } from './styles.ts';

/**
 * A back-end profile's details page: its access key (rotated in `admin-access-key`), its
 * status (disabled, enabled, deleted in `admin-profile-status`), and its static token —
 * generated here, shown once, replaced or deactivated. A freshly generated token is held in
 * this element's state only: leaving the page forgets it, as the platform already has.
 */
@customElement('admin-profile-details')
@localized()
export class AdminProfileDetails extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property() profileId = '';
  @state() private _profile: BackendProfileDetails | null = null;
  @state() private _error = '';
  @state() private _actionError = '';
  @state() private _issued: NewStaticToken | null = null;
  @state() private _done = '';
  @state() private _busy = false;
  @query('ui-confirm-dialog') private _confirm!: ConfirmDialog;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(PROFILE_CHANGED, this.#onChanged);
    this.addEventListener(PROFILE_DELETED, this.#onDeleted);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(PROFILE_CHANGED, this.#onChanged);
    this.removeEventListener(PROFILE_DELETED, this.#onDeleted);
  }

  readonly #onChanged = (event: Event) => {
    this._profile = (event as CustomEvent<BackendProfileDetails>).detail;
  };

  // Nothing left to show: back to the list, which no longer has it.
  readonly #onDeleted = () => this.dispatchEvent(new CustomEvent('back'));

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('profileId')) {
      this._profile = null;
      this._issued = null;
      this._done = '';
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    this._error = '';
    try {
      this._profile = await this.api.backendProfile(this.profileId);
      // A new page: focus its heading, so screen readers announce where the operator is.
      await this.updateComplete;
      (this.renderRoot.querySelector('h1') as HTMLElement | null)?.focus();
    } catch (error) {
      this._error = failure(this, error);
    }
  }

  async #generate(): Promise<void> {
    const profile = this._profile;
    if (!profile) return;
    if (profile.static_token) {
      const ok = await this._confirm.ask({
        title: msg('Replace the static token?'),
        message: msg(
          'A new static token replaces the active one: the current token is refused from its next request on. External systems using it must be given the new one.',
        ),
        confirmLabel: msg('Replace static token'),
        cancelLabel: msg('Cancel'),
        danger: true,
      });
      if (!ok) return;
    }
    await this.#act(async () => {
      this._issued = await this.api.generateStaticToken(profile.id);
      this._done = '';
    });
  }

  async #deactivate(): Promise<void> {
    const profile = this._profile;
    if (!profile?.static_token) return;
    const ok = await this._confirm.ask({
      title: msg('Deactivate the static token?'),
      message: msg(
        'External systems using it are refused from their next request on. This cannot be undone; you can generate a new static token later.',
      ),
      confirmLabel: msg('Deactivate'),
      cancelLabel: msg('Cancel'),
      danger: true,
    });
    if (!ok) return;
    await this.#act(async () => {
      await this.api.deactivateStaticToken(profile.id);
      this._issued = null;
      this._done = msg('The static token is deactivated.');
    });
  }

  async #act(work: () => Promise<void>): Promise<void> {
    this._busy = true;
    this._actionError = '';
    try {
      await work();
      this._profile = await this.api.backendProfile(this.profileId);
    } catch (error) {
      this._actionError = failure(this, error);
    } finally {
      this._busy = false;
    }
  }

  #staticToken(profile: BackendProfileDetails) {
    const active = profile.static_token;
    return html`
      <section class="card" aria-labelledby="static-title">
        <h2 id="static-title">${msg('Static token')}</h2>
        <p class="hint">
          A token that does not expire: the external system sends it with each back-end request, without a token
          request. Less secure than the standard token; deactivate it when it is no longer needed.
        </p>
        <p class="state">
          ${
            active
              ? html`<span class="badge on">${msg('Active')}</span> ${msg(str`generated ${formatDate(active.created_at)}`)}`
              : html`<span class="badge">${msg('None')}</span> ${msg('no active static token')}`
          }
        </p>
        ${
          this._issued
            ? html`
              <div class="notice warn issued" role="alert">
                <strong>${msg('Copy it now.')}</strong>
                ${msg('This static token is shown only this once: it cannot be displayed again. If it is lost, generate a new one.')}
              </div>
              <admin-secret label=${msg('Static token')} .value=${this._issued.static_token}></admin-secret>
            `
            : ''
        }
        <div class="row actions">
          <button type="button" class="btn primary" ?disabled=${this._busy} @click=${() => this.#generate()}>
            ${active ? msg('Generate new static token') : msg('Generate static token')}
          </button>
          <button type="button" class="btn danger" ?disabled=${this._busy || !active} @click=${() => this.#deactivate()}>
            ${msg('Deactivate static token')}
          </button>
        </div>
        <p class="notice ok" role="status" ?hidden=${!this._done}>${this._done}</p>
        <p class="notice error" role="alert" ?hidden=${!this._actionError}>${this._actionError}</p>
      </section>
    `;
  }

  override render() {
    const p = this._profile;
    return html`
      <button type="button" class="btn quiet small back" @click=${() => this.dispatchEvent(new CustomEvent('back'))}>
        ← ${msg('Back-end profiles')}
      </button>
      ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : ''}
      ${!p && !this._error ? html`<p class="empty" role="status">${msg('Loading…')}</p>` : ''}
      ${
        p
          ? html`
            <h1 tabindex="-1">${p.name}</h1>
            <section class="card" aria-labelledby="details-title">
              <h2 id="details-title">${msg('Back-end details')}</h2>
              <dl>
                <dt>${msg('External system')}</dt>
                <dd>${p.external_system}</dd>
                <dt>${msg('Profile id')}</dt>
                <dd class="mono">${p.id}</dd>
                <dt>${msg('Created')}</dt>
                <dd>${formatDate(p.created_at)}</dd>
                <dt>${msg('Services')}</dt>
                <dd>${p.services.length ? p.services.map((s) => serviceLabel(s)).join(', ') : msg('None')}</dd>
              </dl>
              <admin-access-key .api=${this.api} .profile=${p}></admin-access-key>
            </section>
            <admin-profile-status .api=${this.api} .profile=${p}></admin-profile-status>
            ${this.#staticToken(p)}
          `
          : ''
      }
      <ui-confirm-dialog></ui-confirm-dialog>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: grid;
        gap: 16px;
      }
      .back {
        justify-self: start;
      }
      h1 {
        margin: 0;
        font-size: 20px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 6px 16px;
        margin: 8px 0 16px;
      }
      dt {
        color: var(--pl-muted);
      }
      dd {
        margin: 0;
      }
      .state {
        display: flex;
        gap: 8px;
        align-items: center;
        margin: 0 0 12px;
      }
      .issued {
        margin: 0 0 12px;
      }
      .actions {
        margin-top: 12px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-profile-details': AdminProfileDetails;
  }
}
