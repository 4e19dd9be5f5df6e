import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PlannerApp } from '../components/planner-app.ts';
import { base } from '../components/styles.ts';
import { shoppingList } from '../retail/basket.ts';
import { shownProjectName } from '../text/project-text.ts';
import { download, fileName, pngSize, rasterise } from './files.ts';
import { planSvg } from './plan-svg.ts';
import { PRINT_PLAN_MM, preparePrintView } from './print-view.ts';
import { projectLink } from './project-link.ts';
import { loadSymbols } from './symbols.ts';

type Job = 'svg' | 'png' | 'print';

/**
 * "Share": export the plan as SVG or PNG, print it to scale with its legend and shopping
 * list, and copy a link that reopens the saved project on the host's page.
 *
 * It sits at the foot of the app (rendered by the project flows, which come with the deferred
 * chunk) and reads the design from the `planner-app` it is in when a button is pressed,
 * instead of taking properties: binding them in the app's own template would cost the first
 * paint bytes it does not have (`pnpm size`).
 */
@customElement('planner-share')
@localized()
export class PlannerShare extends LitElement {
  @state() private _busy: Job | null = null;
  @state() private _message = '';
  @state() private _link: string | null = null;
  /** The symbols fetched so far (a print started from the browser's menu cannot wait for them). */
  #symbols = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#beforePrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.#beforePrint);
  }

  /** The app this element is rendered in (its shadow root's host). */
  #app(): PlannerApp | null {
    let node: Element = this;
    for (;;) {
      const root = node.getRootNode();
      if (!(root instanceof ShadowRoot)) return null;
      node = root.host;
      if (node.localName === 'planner-app') return node as PlannerApp;
    }
  }

  #plan(app: PlannerApp, legend: boolean) {
    return planSvg({
      design: app.workspace.design,
      catalog: app.catalogIndex,
      title: shownProjectName(app.workspace.state.project.name),
      symbols: this.#symbols,
      locale: app.locale,
      legend,
      ...(legend ? {} : { paper: PRINT_PLAN_MM }),
    });
  }

  async #run(job: Job): Promise<void> {
    const app = this.#app();
    if (!app || this._busy) return;
    this._busy = job;
    this._message = '';
    try {
      const { design } = app.workspace;
      const symbols = await loadSymbols(design.items, app.catalogIndex, (r) => app.services.symbolUrl(r));
      for (const [k, v] of symbols) this.#symbols.set(k, v);
      const name = shownProjectName(app.workspace.state.project.name);
      if (job === 'print') {
        this.#preparePrint(app);
        this._message = msg('Printing the plan to scale, with its legend and shopping list.');
        window.print();
        return;
      }
      const plan = this.#plan(app, true);
      if (job === 'svg') {
        download(new Blob([plan.svg], { type: 'image/svg+xml' }), fileName(name, 'svg'));
      } else {
        download(await rasterise(plan.svg, pngSize(plan.viewBox)), fileName(name, 'png'));
      }
      this._message = msg(
        str`Exported the plan as ${job.toUpperCase()} (scale 1:${plan.scale} on A4 landscape).`,
      );
    } catch (error) {
      this._message = msg(
        str`The plan could not be exported: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this._busy = null;
    }
  }

  #preparePrint(app: PlannerApp): void {
    preparePrintView(document, {
      title: shownProjectName(app.workspace.state.project.name),
      plan: this.#plan(app, false),
      list: shoppingList(app.workspace.design.items, app.catalogIndex),
      unit: app.workspace.design.room.unit,
      locale: app.locale,
    });
  }

  #beforePrint = () => {
    const app = this.#app();
    if (app) this.#preparePrint(app);
  };

  async #copyLink(): Promise<void> {
    const app = this.#app();
    if (!app) return;
    const { id } = app.workspace.state.project;
    if (!id) {
      this._link = null;
      this._message = msg('Save the project first: the link opens the saved project.');
      return;
    }
    const link = projectLink(id);
    this._link = link;
    if (!link) {
      this._message = msg('The shop has not said which page opens a shared project.');
      return;
    }
    const saved = app.workspace.state.dirty ? ` ${msg('It opens the project as last saved.')}` : '';
    try {
      await navigator.clipboard.writeText(link);
      this._message = `${msg('Link copied.')}${saved}`;
    } catch {
      // No clipboard access (the frame lacks allow="clipboard-write", or it was refused).
      this._message = `${msg('Copy the link from the field.')}${saved}`;
      await this.updateComplete;
      this.renderRoot.querySelector('input')?.select();
    }
  }

  override render() {
    const busy = this._busy;
    return html`
      <h2 class="title" id="share-title">${msg('Share your plan')}</h2>
      <div class="share" role="group" aria-label=${msg('Share the plan')}>
        <button type="button" class="btn quiet" ?disabled=${busy !== null} @click=${() => this.#run('svg')}>${msg('Export SVG')}</button>
        <button type="button" class="btn quiet" ?disabled=${busy !== null} @click=${() => this.#run('png')}>${msg('Export PNG')}</button>
        <button type="button" class="btn quiet" ?disabled=${busy !== null} @click=${() => this.#run('print')}>${msg('Print')}</button>
        <button type="button" class="btn quiet" @click=${() => this.#copyLink()}>${msg('Copy link')}</button>
      </div>
      ${
        this._link
          ? html`<input class="link" type="text" readonly aria-label=${msg('Link to this project')} .value=${this._link}
              @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />`
          : nothing
      }
      <p class="message" aria-live="polite">${this._message}</p>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 8px;
        padding: 10px 16px;
        border-top: 1px solid var(--pl-border);
        background: var(--pl-surface);
      }
      .title {
        margin: 0;
        font-size: 13px;
        font-weight: 650;
      }
      .share {
        display: flex;
        flex-wrap: wrap;
        gap: 2px;
      }
      .link {
        width: 22em;
        max-width: 100%;
        font-size: 12.5px;
        padding: 4px 6px;
        border: 1px solid var(--pl-border);
        border-radius: 6px;
      }
      .message {
        margin: 0;
        font-size: 13px;
        color: var(--pl-text);
      }
      .message:empty {
        display: none;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-share': PlannerShare;
  }
}
