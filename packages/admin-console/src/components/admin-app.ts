import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type AdminApi, type LegalEntity, signIn } from '../api.ts';
import type { TokenStore } from '../session.ts';
import './admin-catalog.ts';
import './admin-consumers.ts';
import './admin-profile-details.ts';
import './admin-profiles.ts';
import './admin-sign-in.ts';
import './admin-subscription.ts';
import { getLocale, LANGUAGES, type Language, useLanguage } from '../i18n/localization.ts';
import { failure, OPEN_PROFILE, UNAUTHORIZED } from './events.ts';
import { base, tokens } from './styles.ts';

type View = { kind: 'entity' } | { kind: 'profile'; id: string };

/**
 * The Back-ends admin page: sign-in with the operator token, then, for a chosen legal
 * entity, its subscription, back-end profiles (with their details page) and OAuth
 * consumers. A refused token anywhere ends the session and asks for it again.
 */
@customElement('admin-app')
@localized()
export class AdminApp extends LitElement {
  @property({ attribute: false }) store!: TokenStore;
  @state() private _api: AdminApi | null = null;
  @state() private _entities: LegalEntity[] = [];
  @state() private _entityId = '';
  @state() private _view: View = { kind: 'entity' };
  @state() private _signInError = '';
  @state() private _busy = false;
  @state() private _restoring = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(UNAUTHORIZED, this.#onUnauthorized);
    this.addEventListener(OPEN_PROFILE, this.#onOpenProfile);
    this.addEventListener('entity-changed', this.#onEntityChanged);
    const saved = this.store.load();
    if (saved) {
      this._restoring = true;
      void this.#signIn(saved).finally(() => {
        this._restoring = false;
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(UNAUTHORIZED, this.#onUnauthorized);
    this.removeEventListener(OPEN_PROFILE, this.#onOpenProfile);
    this.removeEventListener('entity-changed', this.#onEntityChanged);
  }

  #onUnauthorized = (event: Event) => {
    this.#signOut((event as CustomEvent<string>).detail);
  };

  #onOpenProfile = (event: Event) => {
    this._view = { kind: 'profile', id: (event as CustomEvent<string>).detail };
  };

  #onEntityChanged = (event: Event) => {
    const updated = (event as CustomEvent<LegalEntity>).detail;
    this._entities = this._entities.map((le) => (le.id === updated.id ? updated : le));
  };

  async #signIn(token: string): Promise<void> {
    this._busy = true;
    this._signInError = '';
    try {
      const session = await signIn(token);
      this.store.save(session.token);
      this._api = session.api;
      this._entities = session.legalEntities;
      if (!this._entities.some((le) => le.id === this._entityId))
        this._entityId = this._entities[0]?.id ?? '';
      this._view = { kind: 'entity' };
      await this.updateComplete;
      (this.renderRoot.querySelector('#entity') as HTMLElement | null)?.focus();
    } catch (error) {
      this.store.clear();
      this._api = null;
      this._signInError = failure(this, error);
    } finally {
      this._busy = false;
    }
  }

  #signOut(reason = ''): void {
    this.store.clear();
    this._api = null;
    this._entities = [];
    this._view = { kind: 'entity' };
    this._signInError = reason;
  }

  async #back(): Promise<void> {
    this._view = { kind: 'entity' };
    await this.updateComplete;
    (this.renderRoot.querySelector('#entity') as HTMLElement | null)?.focus();
  }

  #console(api: AdminApi) {
    const entity = this._entities.find((le) => le.id === this._entityId);
    if (this._view.kind === 'profile') {
      return html`<admin-profile-details .api=${api} .profileId=${this._view.id} @back=${() => this.#back()}></admin-profile-details>`;
    }
    return html`
      <h1 class="sr-only">${msg('Back-ends')}</h1>
      <div class="picker card">
        <div class="field">
          <label for="entity">${msg('Legal entity')}</label>
          <select
            id="entity"
            class="input"
            .value=${this._entityId}
            @change=${(e: Event) => {
              this._entityId = (e.target as HTMLSelectElement).value;
            }}
          >
            ${this._entities.map(
              (le) => html`<option value=${le.id} ?selected=${le.id === this._entityId}>${le.name}</option>`,
            )}
          </select>
        </div>
        ${entity ? html`<p class="meta mono">${entity.id}</p>` : ''}
      </div>
      ${
        entity
          ? html`
            <admin-subscription .api=${api} .entity=${entity}></admin-subscription>
            <admin-profiles .api=${api} .entity=${entity}></admin-profiles>
            <admin-consumers .api=${api} .entity=${entity}></admin-consumers>
            <admin-catalog .api=${api} .entity=${entity}></admin-catalog>
          `
          : html`<p class="notice">${msg(html`There are no legal entities yet: create one with <code>planner-admin legal-entity create</code>.`)}</p>`
      }
    `;
  }

  override render() {
    const api = this._api;
    return html`
      <header>
        <div class="brand">
          <span class="logo" aria-hidden="true">▦</span>
          <span>${msg('Planner platform')}</span>
          <span class="sep" aria-hidden="true">/</span>
          <span class="title">${msg('Back-ends')}</span>
        </div>
        <div class="tools">
          <label class="sr-only" for="language">${msg('Language')}</label>
          <select id="language" class="input small" @change=${(e: Event) => useLanguage((e.target as HTMLSelectElement).value as Language)}>
            ${Object.entries(LANGUAGES).map(([value, name]) => html`<option value=${value} lang=${value} ?selected=${value === getLocale()}>${name}</option>`)}
          </select>
          ${api ? html`<button type="button" class="btn small" @click=${() => this.#signOut()}>${msg('Sign out')}</button>` : ''}
        </div>
      </header>
      <main>
        ${
          api
            ? this.#console(api)
            : this._restoring
              ? html`<p class="empty" role="status">${msg('Signing in…')}</p>`
              : html`<admin-sign-in
                .error=${this._signInError}
                .busy=${this._busy}
                @sign-in=${(e: CustomEvent<string>) => this.#signIn(e.detail)}
              ></admin-sign-in>`
        }
      </main>
    `;
  }

  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--pl-bg);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        padding: 12px 24px;
        background: var(--pl-surface);
        border-bottom: 1px solid var(--pl-border);
      }
      header .tools {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 8px;
        font-weight: 600;
      }
      .logo {
        color: var(--pl-accent);
        font-size: 18px;
      }
      .sep {
        color: var(--pl-faint);
      }
      .title {
        color: var(--pl-muted);
        font-weight: 500;
      }
      main {
        max-width: 960px;
        margin: 0 auto;
        padding: 24px;
        display: grid;
        gap: 16px;
      }
      .picker {
        display: flex;
        gap: 16px;
        align-items: end;
        flex-wrap: wrap;
      }
      .picker select {
        min-width: 280px;
      }
      .meta {
        margin: 0 0 8px;
        color: var(--pl-faint);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp;
  }
}
