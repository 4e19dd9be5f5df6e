import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  type AdminApi,
  AdminApiError,
  type AdminCatalog,
  type CatalogImportProblem,
  type LegalEntity,
} from '../api.ts';
import { failure, formatDate } from './events.ts';
import './admin-catalog-items.ts';
import { base } from './styles.ts';

type Format = 'json' | 'csv';

/** JSON or CSV, by what the file says it is, else by its name. */
export function formatOf(file: Pick<File, 'name' | 'type'>): Format | undefined {
  const type = file.type.toLowerCase();
  if (type === 'application/json' || /\.json$/i.test(file.name)) return 'json';
  if (type === 'text/csv' || /\.csv$/i.test(file.name)) return 'csv';
  return undefined;
}

/**
 * The legal entity's catalog: its version and imports, and a form that imports a JSON or
 * CSV file as the next version. A refused file changes nothing; every problem is listed by
 * row and field, so the operator can fix the file in one go.
 */
@customElement('admin-catalog')
@localized()
export class AdminCatalogPanel extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) entity!: LegalEntity;
  @state() private _catalog: AdminCatalog | null = null;
  @state() private _busy = false;
  @state() private _message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private _problems: CatalogImportProblem[] = [];
  @query('input[type=file]') private _file!: HTMLInputElement;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entity') && changed.get('entity')?.id !== this.entity.id) {
      this._catalog = null;
      this._message = null;
      this._problems = [];
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    const id = this.entity.id;
    try {
      const catalog = await this.api.catalog(id);
      if (id === this.entity.id) this._catalog = catalog;
    } catch (error) {
      this._message = { kind: 'error', text: failure(this, error) };
    }
  }

  async #import(event: Event): Promise<void> {
    event.preventDefault();
    const file = this._file.files?.[0];
    this._problems = [];
    if (!file) {
      this._message = { kind: 'error', text: msg('Choose a JSON or CSV file.') };
      return;
    }
    const format = formatOf(file);
    if (!format) {
      const name = file.name;
      this._message = { kind: 'error', text: msg(str`${name}: a .json or .csv file, please.`) };
      return;
    }
    this._busy = true;
    this._message = null;
    try {
      const result = await this.api.importCatalog(this.entity.id, { format, text: await file.text() });
      this._message = {
        kind: 'ok',
        text: msg(
          str`Imported version ${result.version}: ${result.items} items (${result.added} added, ${result.updated} updated, ${result.retired} no longer sold).`,
        ),
      };
      this._file.value = '';
      await this.#load();
    } catch (error) {
      this._message = { kind: 'error', text: failure(this, error) };
      if (error instanceof AdminApiError) this._problems = error.problems;
    } finally {
      this._busy = false;
    }
  }

  #versions(catalog: AdminCatalog) {
    if (!catalog.versions.length)
      return html`<p class="empty">${msg('No catalog yet: import one below.')}</p>`;
    return html`
      <table>
        <caption class="sr-only">${msg('Catalog versions, newest first')}</caption>
        <thead>
          <tr><th scope="col">${msg('Version')}</th><th scope="col">${msg('When')}</th><th scope="col">${msg('Items')}</th><th scope="col">${msg('Added')}</th><th scope="col">${msg('Updated')}</th><th scope="col">${msg('No longer sold')}</th></tr>
        </thead>
        <tbody>
          ${catalog.versions.map(
            (v) => html`<tr>
              <td>${v.source === 'seed' ? msg(str`${v.version} (seed)`) : v.version}</td>
              <td>${formatDate(v.created_at)}</td>
              <td>${v.items}</td>
              <td>${v.added}</td>
              <td>${v.updated}</td>
              <td>${v.retired}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  #report() {
    if (!this._problems.length) return '';
    return html`
      <table class="problems">
        <caption>${msg('Problems in the file (nothing was imported)')}</caption>
        <thead><tr><th scope="col">${msg('Row')}</th><th scope="col">${msg('Field')}</th><th scope="col">${msg('Problem')}</th></tr></thead>
        <tbody>
          ${this._problems.map(
            (p) =>
              html`<tr><td>${p.row || '—'}</td><td class="mono">${p.field || '—'}</td><td>${p.message}</td></tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  override render() {
    const catalog = this._catalog;
    return html`
      <section class="card" aria-labelledby="catalog-title">
        <h2 id="catalog-title">${msg('Catalog')}</h2>
        <p class="hint">
          ${
            catalog
              ? catalog.currency
                ? msg(str`Version ${catalog.version}: ${catalog.items} items in ${catalog.currency}.`)
                : msg(str`Version ${catalog.version}: ${catalog.items} items.`)
              : msg('Loading…')
          }
          ${msg('An import replaces the whole catalog; items it leaves out stay in saved projects as “no longer sold”.')}
        </p>
        ${catalog ? this.#versions(catalog) : ''}
        ${
          catalog?.version
            ? html`<admin-catalog-items .api=${this.api} .entity=${this.entity} .version=${catalog.version}></admin-catalog-items>`
            : ''
        }
        <form @submit=${this.#import}>
          <div class="field">
            <label for="catalog-file">${msg('Catalog file (JSON or CSV)')}</label>
            <input id="catalog-file" class="input" type="file" accept=".json,.csv,application/json,text/csv" />
          </div>
          <div class="row">
            <button class="btn primary" type="submit" ?disabled=${this._busy}>
              ${this._busy ? msg('Importing…') : msg('Import catalog')}
            </button>
          </div>
        </form>
        <p class="notice ${this._message?.kind ?? ''}" role=${this._message?.kind === 'error' ? 'alert' : 'status'} ?hidden=${!this._message}>
          ${this._message?.text}
        </p>
        ${this.#report()}
      </section>
    `;
  }

  static override styles = [
    base,
    css`
      form {
        margin-top: 14px;
      }
      .problems caption {
        text-align: left;
        font-weight: 600;
        margin: 10px 0 6px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-catalog': AdminCatalogPanel;
  }
}
