import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { DEFAULT_ROOM, ROOM_MAX_CM, ROOM_MIN_CM, type Room } from '../editor/design.ts';
import { GRID_STEPS } from '../editor/snap.ts';
import { formatLength, fromUnitValue, toUnitValue, type Unit } from '../editor/units.ts';
import { dispatchAction } from './actions.ts';
import { base } from './styles.ts';

/**
 * The room's settings: width and depth (typed in the room's unit, committed on Enter or
 * leaving the field), the unit (metres, centimetres, feet and inches), grid snapping with
 * its step, and a button that opens the walls, doors and windows (`planner-room-tools`).
 *
 * @fires planner-action - `{ type: 'room', patch }` and `{ type: 'snap', enabled, step }`
 */
@customElement('planner-room-bar')
@localized()
export class PlannerRoomBar extends LitElement {
  @property({ attribute: false }) room: Room = DEFAULT_ROOM;
  @property({ type: Boolean, attribute: 'snap-enabled' }) snapEnabled = true;
  @property({ type: Number, attribute: 'grid-step' }) gridStep = 10;
  @property() locale: string | undefined;

  /** The field whose last entry was refused, with the reason. */
  /** The walls, doors and windows panel is open. */
  @state() private _tools = false;
  @state() private _invalid: { field: 'width_cm' | 'depth_cm'; message: string } | null = null;

  override render() {
    return html`
      <div class="bar">
        <div class="group size" role="group" aria-label=${msg('Room size')}>
          ${this.#sizeField('width_cm', msg('Width'))}
          <span class="times" aria-hidden="true">×</span>
          ${this.#sizeField('depth_cm', msg('Depth'))}
        </div>
        <div class="group" role="radiogroup" aria-label=${msg('Unit')}>
          ${this.#unitOption('m', 'm', msg('Metres'))} ${this.#unitOption('cm', 'cm', msg('Centimetres'))}
          ${this.#unitOption('ft', 'ft', msg('Feet and inches'))}
        </div>
        <button
          type="button"
          class="btn small"
          aria-expanded=${this._tools ? 'true' : 'false'}
          @click=${this.#toggleTools}
        >
          ${msg('Walls, doors and windows')}
        </button>
        <div class="group snap">
          <label class="switch">
            <input
              type="checkbox"
              .checked=${live(this.snapEnabled)}
              @change=${(e: Event) =>
                dispatchAction(this, {
                  type: 'snap',
                  enabled: (e.target as HTMLInputElement).checked,
                  step: this.gridStep,
                })}
            />
            <span class="track" aria-hidden="true"></span>
            <span>${msg('Snap to grid')}</span>
          </label>
          <label class="sr-only" for="step">${msg('Grid step')}</label>
          <select
            id="step"
            class="input step"
            ?disabled=${!this.snapEnabled}
            @change=${(e: Event) =>
              dispatchAction(this, {
                type: 'snap',
                enabled: this.snapEnabled,
                step: Number((e.target as HTMLSelectElement).value),
              })}
          >
            ${GRID_STEPS.map(
              (s) =>
                html`<option value=${s} ?selected=${s === this.gridStep}>${formatLength(s, 'cm', this.locale)}</option>`,
            )}
          </select>
        </div>
      </div>
      ${this._tools ? html`<planner-room-tools .room=${this.room} .locale=${this.locale}></planner-room-tools>` : nothing}
      ${
        this._invalid
          ? html`<p class="hint" id="size-error" role="alert">${this._invalid.message}</p>`
          : html`<p class="sr-only" id="size-error"></p>`
      }
    `;
  }

  #sizeField(field: 'width_cm' | 'depth_cm', label: string) {
    const { unit } = this.room;
    const invalid = this._invalid?.field === field;
    return html`
      <label class="field">
        <span class="label">${label}</span>
        <span class="with-unit">
          <input
            class="input num"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            spellcheck="false"
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby="size-error"
            .value=${live(toUnitValue(this.room[field], unit))}
            @change=${(e: Event) => this.#commitSize(field, e.target as HTMLInputElement)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter') this.#commitSize(field, e.target as HTMLInputElement);
            }}
          />
          <span class="unit" aria-hidden="true">${unit}</span>
        </span>
      </label>
    `;
  }

  async #toggleTools(): Promise<void> {
    // The room tools are a chunk of their own: the planner's first load does not carry them.
    if (!this._tools) await import('../room/room-editing.ts');
    this._tools = !this._tools;
  }

  #unitOption(value: Unit, text: string, label: string) {
    const checked = this.room.unit === value;
    return html`
      <label class="seg ${checked ? 'on' : ''}" title=${label}>
        <input
          type="radio"
          name="unit"
          value=${value}
          aria-label=${label}
          .checked=${live(checked)}
          @change=${() => dispatchAction(this, { type: 'room', patch: { unit: value } })}
        />
        <span aria-hidden="true">${text}</span>
      </label>
    `;
  }

  #commitSize(field: 'width_cm' | 'depth_cm', input: HTMLInputElement): void {
    const { unit } = this.room;
    const cm = fromUnitValue(input.value, unit);
    const min = formatLength(ROOM_MIN_CM, unit, this.locale);
    const max = formatLength(ROOM_MAX_CM, unit, this.locale);
    if (Number.isNaN(cm) || cm < ROOM_MIN_CM || cm > ROOM_MAX_CM) {
      this._invalid = { field, message: msg(str`Enter a size between ${min} and ${max}.`) };
      input.value = toUnitValue(this.room[field], unit);
      return;
    }
    this._invalid = null;
    if (Math.round(cm) !== this.room[field]) dispatchAction(this, { type: 'room', patch: { [field]: cm } });
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 10px 18px;
      }
      .group {
        display: flex;
        align-items: flex-end;
        gap: 8px;
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
        font-variant-numeric: tabular-nums;
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
      .times {
        color: var(--pl-faint);
        padding-bottom: 7px;
      }
      [role='radiogroup'] {
        gap: 0;
        border: 1px solid var(--pl-border-strong);
        border-radius: var(--pl-radius-sm);
        padding: 2px;
        background: var(--pl-surface);
      }
      .seg {
        position: relative;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: 38px;
        height: 28px;
        border-radius: 5px;
        font-size: 13px;
        font-weight: 600;
        color: var(--pl-muted);
        cursor: pointer;
      }
      .seg input {
        position: absolute;
        inset: 0;
        opacity: 0;
        margin: 0;
        cursor: pointer;
      }
      .seg.on {
        background: var(--pl-accent);
        color: var(--pl-accent-text);
      }
      .seg:has(input:focus-visible) {
        outline: 2px solid var(--pl-accent);
        outline-offset: 2px;
      }
      .snap {
        align-items: center;
        min-height: 34px;
      }
      .switch {
        position: relative;
        display: inline-flex;
        align-items: center;
        gap: 8px;
        cursor: pointer;
        font-weight: 500;
      }
      .switch input {
        position: absolute;
        opacity: 0;
        width: 34px;
        height: 20px;
        margin: 0;
        cursor: pointer;
      }
      .track {
        position: relative;
        width: 34px;
        height: 20px;
        border-radius: 999px;
        background: var(--pl-border-strong);
        transition: background-color 150ms;
      }
      .track::after {
        content: '';
        position: absolute;
        top: 2px;
        left: 2px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        background: #fff;
        box-shadow: 0 1px 2px rgb(0 0 0 / 25%);
        transition: transform 150ms;
      }
      .switch input:checked + .track {
        background: var(--pl-accent);
      }
      .switch input:checked + .track::after {
        transform: translateX(14px);
      }
      .switch input:focus-visible + .track {
        outline: 2px solid var(--pl-accent);
        outline-offset: 2px;
      }
      .step {
        width: auto;
        padding-right: 6px;
      }
      .hint {
        margin: 6px 0 0;
        color: var(--pl-danger);
        font-size: 13px;
      }
      @media (prefers-reduced-motion: reduce) {
        .track,
        .track::after {
          transition: none;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-room-bar': PlannerRoomBar;
  }
}
