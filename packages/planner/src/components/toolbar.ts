import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Room } from '../editor/design.ts';
import type { DrawerController } from './drawer-controller.ts';
import { icon } from './icons.ts';
import type { View3dController } from './view3d-controller.ts';

export interface ToolbarView {
  drawer: DrawerController;
  view3d: View3dController;
  room: Room;
  snap: boolean;
  gridStep: number;
  locale: string | undefined;
}

/**
 * The row above the plan: the drawer's "Add furniture" on narrow screens, the 3D toggle and
 * the room bar. Styled by `planner-app.styles.ts` (it renders in the app's shadow root).
 */
export function renderToolbar(v: ToolbarView) {
  return html`
    <div class="toolbar">
      ${
        v.drawer.narrow
          ? html`<button
            type="button"
            class="btn primary drawer-toggle"
            aria-expanded=${v.drawer.isOpen ? 'true' : 'false'}
            @click=${() => v.drawer.open()}
          >
            ${icon('plus', 16)} ${msg('Add furniture')}
          </button>`
          : nothing
      }
      <button type="button" class="btn view-toggle" aria-pressed=${v.view3d.isOpen ? 'true' : 'false'} @click=${() => v.view3d.toggle()}>
        ${msg('3D view')}
      </button>
      <planner-room-bar
        .room=${v.room}
        ?snap-enabled=${v.snap}
        grid-step=${v.gridStep}
        .locale=${v.locale}
      ></planner-room-bar>
    </div>
  `;
}
