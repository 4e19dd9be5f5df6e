import { msg, str } from '@lit/localize';
import { ROOM_LIMITS } from '@planner/contract';
import { css, html, LitElement } from 'lit';
import { live } from 'lit/directives/live.js';
import { DEFAULT_ROOM, type Room } from '../editor/design.ts';
import { fromUnitValue, toUnitValue } from '../editor/units.ts';
import { ROOM_TEMPLATES, type RoomTemplate } from '../room/edit.ts';
import { wallLength } from '../room/polygon.ts';
import type { RoomEdit } from '../room/room-edits.ts';
import { dispatchAction } from './actions.ts';
import { base } from './styles.ts';

const TEMPLATE_LABELS: Record<RoomTemplate, () => string> = {
  rectangle: () => msg('Make it Rectangle'),
  'l-shape': () => msg('Make it L-shape'),
  'u-shape': () => msg('Make it U-shape'),
};

/**
 * The room's walls, doors and windows as form controls: the shape (a template), any wall's
 * exact length, the walls' thickness and height (the 3D view raises them to it), and each opening's wall, width, hinge and swing (doors)
 * or sill (windows). Loaded only when the shopper opens it from the room bar, so the planner's
 * first load does not pay for it. Every change is a `room-edit` action; the app applies it
 * and says what happened (or why not) in its live region.
 *
 * @fires planner-action - `{ type: 'room-edit', edit }`
 */
export class PlannerRoomTools extends LitElement {
  // Declared without decorators: in a lazy chunk they would pull Lit's decorator helpers out
  // of the planner's entry chunk into a shared one (a bigger first load).
  static override properties = {
    room: { attribute: false },
    locale: {},
    _wall: { state: true },
    _dropped: { state: true },
  };
  room: Room = DEFAULT_ROOM;
  /**
   * Also what re-renders it in a new language: the app takes a new locale once its strings
   * have loaded (apply-settings.ts). Not `@localized()`: its controller would be shared by this
   * chunk and the entry, and the bundler would then split both into more first-paint chunks.
   */
  locale: string | undefined;
  /** The wall the length field and "Add door/window" work on. */
  private _wall = 0;
  /** What the last template change removed, said on screen too (the live region says it all). */
  private _dropped = '';
  /** The openings before a template change, until the changed room arrives. */
  #before: Room['openings'] | undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('room') || !this.#before) return;
    const ids = new Set(this.room.openings.map((o) => o.id));
    const lost = this.#before.filter((o) => !ids.has(o.id));
    this.#before = undefined;
    const doors = lost.filter((o) => o.kind === 'door').length;
    const windows = lost.length - doors;
    const what = [
      doors ? `${doors} ${doors === 1 ? 'door' : 'doors'}` : '',
      windows ? `${windows} ${windows === 1 ? 'window' : 'windows'}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    this._dropped = what
      ? `Removed ${what} that did not fit the new walls; undo brings ${lost.length === 1 ? 'it' : 'them'} back.`
      : '';
  }

  #edit(edit: RoomEdit): void {
    this._dropped = '';
    // A refused template leaves the room as it was: the next edit forgets what it had.
    this.#before = edit.kind === 'template' ? this.room.openings : undefined;
    dispatchAction(this, { type: 'room-edit', edit });
  }

  #cm(input: HTMLInputElement, current: number, apply: (cm: number) => RoomEdit): void {
    const cm = fromUnitValue(input.value, this.room.unit);
    if (Number.isNaN(cm) || cm <= 0) {
      input.value = toUnitValue(current, this.room.unit);
      return;
    }
    if (Math.abs(cm - current) >= 0.05) this.#edit(apply(cm));
  }

  #number(label: string, value: number, apply: (cm: number) => RoomEdit, cls = '') {
    const unit = this.room.unit;
    const commit = (e: Event) => this.#cm(e.target as HTMLInputElement, value, apply);
    return html`
      <label class="field ${cls}">
        <span class="label">${label}</span>
        <span class="with-unit">
          <input
            class="input num"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            .value=${live(toUnitValue(value, unit))}
            @change=${commit}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && commit(e)}
          />
          <span class="unit" aria-hidden="true">${unit}</span>
        </span>
      </label>
    `;
  }

  override render() {
    const { room } = this;
    const walls = room.corners.length;
    const wall = Math.min(this._wall, walls - 1);
    return html`
      <div class="tools" role="group" aria-label=${msg('Walls, doors and windows')}>
        <label class="field">
          <span class="label">${msg('Shape')}</span>
          <select
            class="input"
            @change=${(e: Event) => {
              const t = (e.target as HTMLSelectElement).value as RoomTemplate;
              if (t) this.#edit({ kind: 'template', template: t });
              (e.target as HTMLSelectElement).value = '';
            }}
          >
            <option value="">${walls === 4 ? msg('Rectangle…') : msg(str`${walls} walls…`)}</option>
            ${ROOM_TEMPLATES.map((t) => html`<option value=${t}>${TEMPLATE_LABELS[t]()}</option>`)}
          </select>
        </label>
        <label class="field">
          <span class="label">${msg('Wall')}</span>
          <select class="input" @change=${(e: Event) => (this._wall = Number((e.target as HTMLSelectElement).value))}>
            ${room.corners.map((_, i) => html`<option value=${i} ?selected=${i === wall}>${msg(str`Wall ${i + 1}`)}</option>`)}
          </select>
        </label>
        ${this.#number(msg('Wall length'), wallLength(room.corners, wall), (length) => ({ kind: 'wall-length', index: wall, length }))}
        ${this.#number(msg('Wall thickness'), room.wall_thickness_cm, (cm) => ({ kind: 'thickness', cm }))}
        ${this.#number(msg('Wall height'), room.wall_height_cm ?? ROOM_LIMITS.wallHeightDefaultCm, (cm) => ({ kind: 'height', cm }))}
        <div class="field">
          <span class="label">${msg('On this wall')}</span>
          <span class="row">
            <button type="button" class="btn small" @click=${() => this.#edit({ kind: 'add-opening', opening: 'door', wall })}>
              ${msg('Add door')}
            </button>
            <button type="button" class="btn small" @click=${() => this.#edit({ kind: 'add-opening', opening: 'window', wall })}>
              ${msg('Add window')}
            </button>
          </span>
        </div>
      </div>
      ${this._dropped ? html`<p class="dropped">${this._dropped}</p>` : ''}
      ${
        room.openings.length
          ? html`<ul class="openings" aria-label=${msg('Doors and windows')}>
              ${room.openings.map((o, n) => {
                const name = o.kind === 'door' ? msg(str`Door ${n + 1}`) : msg(str`Window ${n + 1}`);
                const patch = (p: Extract<RoomEdit, { kind: 'opening' }>['patch']): RoomEdit => ({
                  kind: 'opening',
                  id: o.id,
                  patch: p,
                });
                // The group sits inside the item: a role on the <li> itself would leave the list
                // holding no list items (axe's "list" rule).
                return html`<li><div class="opening" role="group" aria-label=${msg(str`${name}, wall ${o.wall + 1}`)}>
                  <span class="name">${msg(str`${name} · wall ${o.wall + 1}`)}</span>
                  ${this.#number(msg('Width'), o.width_cm, (width_cm) => patch({ width_cm }))}
                  ${
                    o.kind === 'door'
                      ? html`
                        <button type="button" class="btn small" @click=${() => this.#edit(patch({ hinge: o.hinge === 'start' ? 'end' : 'start' }))}>
                          ${o.hinge === 'start' ? msg('Hinge at wall start') : msg('Hinge at wall end')}
                        </button>
                        <button type="button" class="btn small" @click=${() => this.#edit(patch({ swing: o.swing === 'in' ? 'out' : 'in' }))}>
                          ${o.swing === 'in' ? msg('Opens inwards') : msg('Opens outwards')}
                        </button>`
                      : this.#number(msg('Sill height'), o.sill_cm, (sill_cm) => patch({ sill_cm }))
                  }
                  <button type="button" class="btn small quiet" aria-label=${msg(str`Remove ${name}`)} @click=${() => this.#edit({ kind: 'remove-opening', id: o.id })}>
                    ${msg('Remove')}
                  </button>
                </div></li>`;
              })}
            </ul>`
          : ''
      }
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
        margin-top: 10px;
      }
      .tools,
      .opening,
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 8px 14px;
      }
      .row {
        gap: 6px;
      }
      .field {
        display: grid;
        gap: 3px;
      }
      .with-unit {
        position: relative;
        display: block;
      }
      .num {
        width: 92px;
        padding-right: 30px;
      }
      .unit {
        position: absolute;
        right: 10px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--pl-faint);
        font-size: 13px;
        pointer-events: none;
      }
      .openings {
        list-style: none;
        margin: 10px 0 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      .dropped {
        margin: 8px 0 0;
        font-size: 13px;
      }
      .name {
        font-weight: 600;
        min-width: 110px;
        padding-bottom: 7px;
      }
    `,
  ];
}

customElements.define('planner-room-tools', PlannerRoomTools);

declare global {
  interface HTMLElementTagNameMap {
    'planner-room-tools': PlannerRoomTools;
  }
}
