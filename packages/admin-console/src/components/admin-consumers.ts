import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AdminApi, ConsumerScope, LegalEntity, NewOAuthConsumer, OAuthConsumer } from '../api.ts';
import '@planner/ui/confirm-dialog';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import './admin-secret.ts';
import { failure, formatDate } from './events.ts';
import { base } from './styles.ts';

/**
 * OAuth consumers: a user's consumer key and secret for `POST /oauth/token`. The secret is
 * shown once, right after creation; revoking ends the consumer and every token it holds.
 */
@customElement('admin-consumers')
@localized()
export class AdminConsumers extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) entity!: LegalEntity;
  @state() private _consumers: OAuthConsumer[] | null = null;
  @state() private _error = '';
  @state() private _formError = '';
  @state() private _created: NewOAuthConsumer | null = null;
  @state() private _busy = false;
  @state() private _userId = '';
  @state() private _label = '';
  @state() private _scope: ConsumerScope = 'read';
  @query('ui-confirm-dialog') private _confirm!: ConfirmDialog;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entity') && changed.get('entity')?.id !== this.entity.id) {
      this._consumers = null;
      this._created = null;
      this._formError = '';
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    const id = this.entity.id;
    this._error = '';
    try {
      const consumers = await this.api.oauthConsumers(id);
      if (id === this.entity.id) this._consumers = consumers;
    } catch (error) {
      this._error = failure(this, error);
    }
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const userId = this._userId.trim();
    if (!userId) {
      this._formError = msg("Enter the user's id (your own id for the user).");
      return;
    }
    this._busy = true;
    this._formError = '';
    try {
      const label = this._label.trim();
      this._created = await this.api.createOAuthConsumer(this.entity.id, {
        user_id: userId,
        scope: this._scope,
        ...(label ? { label } : {}),
      });
      this._userId = '';
      this._label = '';
      await this.#load();
    } catch (error) {
      this._formError = failure(this, error);
    } finally {
      this._busy = false;
    }
  }

  async #revoke(consumer: OAuthConsumer): Promise<void> {
    const ok = await this._confirm.ask({
      title: msg('Revoke this consumer?'),
      message: msg(
        str`${consumer.consumer_key} (user ${consumer.user_id}) gets no more tokens, and its tokens stop working at once.`,
      ),
      confirmLabel: msg('Revoke'),
      cancelLabel: msg('Cancel'),
      danger: true,
    });
    if (!ok) return;
    try {
      await this.api.revokeOAuthConsumer(consumer.consumer_key);
      if (this._created?.consumer_key === consumer.consumer_key) this._created = null;
      await this.#load();
    } catch (error) {
      this._error = failure(this, error);
    }
  }

  #list() {
    if (this._error) return html`<p class="notice error" role="alert">${this._error}</p>`;
    if (!this._consumers) return html`<p class="empty" role="status">${msg('Loading…')}</p>`;
    if (this._consumers.length === 0) return html`<p class="empty">${msg('No OAuth consumers yet.')}</p>`;
    return html`
      <table>
        <caption class="sr-only">OAuth consumers</caption>
        <thead>
          <tr><th scope="col">${msg('Consumer key')}</th><th scope="col">${msg('User')}</th><th scope="col">${msg('Label')}</th><th scope="col">${msg('Scope')}</th><th scope="col">${msg('Status')}</th><th scope="col"><span class="sr-only">${msg('Actions')}</span></th></tr>
        </thead>
        <tbody>
          ${this._consumers.map(
            (c) => html`
              <tr>
                <td class="mono">${c.consumer_key}</td>
                <td>${c.user_id}</td>
                <td>${c.label}</td>
                <td>${c.scope}</td>
                <td>${c.revoked_at ? msg(str`Revoked ${formatDate(c.revoked_at)}`) : html`<span class="badge on">${msg('Active')}</span>`}</td>
                <td>
                  ${
                    c.revoked_at
                      ? ''
                      : html`<button type="button" class="btn danger small" aria-label=${msg(str`Revoke ${c.consumer_key}`)} @click=${() => this.#revoke(c)}>${msg('Revoke')}</button>`
                  }
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  override render() {
    const created = this._created;
    return html`
      <section class="card" aria-labelledby="consumers-title">
        <h2 id="consumers-title">${msg('OAuth consumers')}</h2>
        <p class="hint">${msg("A consumer key and secret lets a user's own application get OAuth tokens.")}</p>
        ${this.#list()}
        ${
          created
            ? html`
              <div class="created">
                <div class="notice warn" role="alert">
                  <strong>${msg('Copy it now.')}</strong>
                  ${msg(str`The consumer secret of ${created.consumer_key} is shown only this once.`)}
                </div>
                <admin-secret label=${msg('Consumer key')} .value=${created.consumer_key}></admin-secret>
                <admin-secret label=${msg('Consumer secret')} .value=${created.consumer_secret}></admin-secret>
              </div>
            `
            : ''
        }
        <form class="create" @submit=${this.#create} novalidate aria-labelledby="new-consumer">
          <h3 id="new-consumer">${msg('New OAuth consumer')}</h3>
          <div class="row">
            <div class="field grow">
              <label for="user">${msg('User id')}</label>
              <input id="user" class="input" maxlength="200" autocomplete="off" .value=${this._userId}
                @input=${(e: Event) => {
                  this._userId = (e.target as HTMLInputElement).value;
                }} />
            </div>
            <div class="field grow">
              <label for="label">${msg('Label (optional)')}</label>
              <input id="label" class="input" maxlength="200" autocomplete="off" .value=${this._label}
                @input=${(e: Event) => {
                  this._label = (e.target as HTMLInputElement).value;
                }} />
            </div>
            <div class="field">
              <label for="scope">${msg('Scope')}</label>
              <select id="scope" class="input" .value=${this._scope}
                @change=${(e: Event) => {
                  this._scope = (e.target as HTMLSelectElement).value as ConsumerScope;
                }}>
                <option value="read">read</option>
                <option value="read write">read write</option>
              </select>
            </div>
            <button class="btn primary" type="submit" ?disabled=${this._busy}>
              ${this._busy ? msg('Creating…') : msg('Create consumer')}
            </button>
          </div>
          <p class="notice error" role="alert" ?hidden=${!this._formError}>${this._formError}</p>
        </form>
        <ui-confirm-dialog></ui-confirm-dialog>
      </section>
    `;
  }

  static override styles = [
    base,
    css`
      .created {
        display: grid;
        gap: 8px;
        margin-top: 16px;
      }
      .create {
        margin-top: 20px;
        padding-top: 16px;
        border-top: 1px solid var(--pl-border);
      }
      h3 {
        margin: 0 0 10px;
        font-size: 14px;
      }
      .grow {
        flex: 1 1 180px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-consumers': AdminConsumers;
  }
}
