import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Unit } from '../editor/units.ts';
import type { CatalogController } from './catalog-controller.ts';
import type { DrawerController } from './drawer-controller.ts';
import { icon } from './icons.ts';

export interface CatalogAsideView {
  catalog: CatalogController;
  drawer: DrawerController;
  symbolUrl: (ref: string) => string;
  unit: Unit;
  locale: string | undefined;
  /** The plan holds as many pieces as it may: nothing more can be added. */
  full: boolean;
}

/**
 * The catalog's column (a drawer with its scrim on narrow screens): its heading, the close
 * button of the drawer and the catalog list. Styled by `planner-app.styles.ts` (it renders in
 * the app's shadow root); hidden from assistive technology while the drawer is closed.
 */
export function renderCatalogAside(v: CatalogAsideView) {
  const drawer = v.drawer.narrow;
  const open = v.drawer.isOpen;
  return html`
    <aside
      class="catalog ${drawer ? 'drawer' : ''} ${open ? 'open' : ''}"
      aria-label=${msg('Furniture catalog')}
      ?inert=${drawer && !open}
    >
      <div class="catalog-inner">
        <div class="catalog-head">
          <h2>${msg('Furniture')}</h2>
          ${
            drawer
              ? html`<button type="button" class="btn quiet icon" aria-label=${msg('Close the catalog')} @click=${() => v.drawer.close()}>
                ${icon('close', 16)}
              </button>`
              : nothing
          }
        </div>
        <planner-catalog
          .catalog=${v.catalog.catalog}
          .search=${v.catalog.search}
          .error=${v.catalog.error}
          .symbolUrl=${v.symbolUrl}
          .unit=${v.unit}
          .locale=${v.locale}
          ?add-disabled=${v.full}
          @planner-catalog-retry=${() => v.catalog.load()}
        ></planner-catalog>
      </div>
    </aside>
    ${drawer && open ? html`<div class="scrim" @click=${() => v.drawer.close()}></div>` : nothing}
  `;
}
