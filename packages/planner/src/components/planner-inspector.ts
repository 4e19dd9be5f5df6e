import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { describeWarnings, itemName } from '../editor/describe.ts';
import type { CatalogIndex, PlacedItem } from '../editor/design.ts';
import { footprint } from '../editor/footprint.ts';
import { formatPrice } from '../editor/price.ts';
import { formatLength, fromUnitValue, toUnitValue, type Unit } from '../editor/units.ts';
import type { ItemWarnings } from '../editor/warnings.ts';
import { chooseVariant } from '../retail/edit-variant.ts';
import { variantGone, variantOf } from '../retail/variants.ts';
import { dispatchAction } from './actions.ts';
import { icon } from './icons.ts';
import { base } from './styles.ts';

/**
 * The selected item's panel: what it is, where it stands (distance of its box from the left
 * and top walls, editable), its rotation (editable, plus 90° buttons), its warnings in words,
 * its variant (colour or material, each with its price; one the item no longer has shown as
 * no longer sold), and Duplicate / Delete. With nothing selected it explains how to select.
 *
 * @fires planner-action - move, rotate, rotate-by, duplicate, delete, apply (a variant chosen)
 */
@customElement('planner-inspector')
@localized()
export class PlannerInspector extends LitElement {
  /** The selected item, or null. */
  @property({ attribute: false }) item: PlacedItem | null = null;
  @property({ attribute: false }) catalog: CatalogIndex = new Map();
  @property({ attribute: false }) warnings: ItemWarnings | undefined = undefined;
  /** Names other items by id (for "Overlaps …"). */
  @property({ attribute: false }) nameOf: (id: string) => string = (id) => id;
  @property() unit: Unit = 'm';
  @property() locale: string | undefined;

  override render() {
    const item = this.item;
    if (!item) {
      // Fragments, not one html message: a translation with markup imports lit into its
      // language's chunk, and the bundler then splits lit out of the first paint.
      return html`
        <div class="empty">
          ${icon('info', 16)}
          <p>
            ${msg('Select a piece on the plan to move, rotate or remove it.')} <span class="keys">Tab</span>
            ${msg('goes through the pieces, the')} <span class="keys">${msg('arrow keys')}</span> ${msg('move them.')}
          </p>
        </div>
      `;
    }
    const f = footprint(item, this.catalog);
    const c = f.catalogItem;
    const unit = this.unit;
    const len = (cm: number) => formatLength(cm, unit, this.locale);
    const warning = describeWarnings(this.warnings, this.nameOf, len);
    const v = variantOf(item, c);
    const price = (cents: number) => formatPrice(cents, c?.currency, this.locale);
    return html`
      <section class="panel" aria-label=${msg(str`Selected: ${itemName(c)}`)}>
        <div class="head">
          <div class="title">
            <h2>${itemName(c)}</h2>
            <p class="meta">
              ${c ? html`${len(c.width_cm)} × ${len(c.depth_cm)} · ${price(v?.price_cents ?? c.price_cents)}` : msg('Not in the catalog')}
            </p>
          </div>
          ${
            warning
              ? html`<p class="warning">${icon('alert', 15)}<span>${warning[0]!.toUpperCase()}${warning.slice(1)}.</span></p>`
              : nothing
          }
        </div>
        <div class="controls">
          ${this.#lengthField(msg('From left'), 'left', f.box.minX, (v) => ({ x: item.x + (v - f.box.minX), y: item.y }))}
          ${this.#lengthField(msg('From top'), 'top', f.box.minY, (v) => ({ x: item.x, y: item.y + (v - f.box.minY) }))}
          <label class="field">
            <span class="label">${msg('Rotation')}</span>
            <span class="with-unit">
              <input
                class="input num angle"
                type="number"
                min="0"
                max="359"
                step="1"
                .value=${live(String(item.rotation))}
                @change=${(e: Event) => {
                  const v = Number((e.target as HTMLInputElement).value);
                  if (Number.isFinite(v)) dispatchAction(this, { type: 'rotate', id: item.id, rotation: v });
                  else (e.target as HTMLInputElement).value = String(item.rotation);
                }}
              />
              <span class="unit" aria-hidden="true">°</span>
            </span>
          </label>
          <div class="buttons" role="group" aria-label=${msg('Rotate by 90 degrees')}>
            <button
              type="button"
              class="btn icon"
              title=${`${msg('Rotate 90° left')} (Shift+R)`}
              aria-label=${msg('Rotate 90 degrees counter-clockwise')}
              @click=${() => dispatchAction(this, { type: 'rotate-by', id: item.id, degrees: -90 })}
            >
              ${icon('rotateCcw')}
            </button>
            <button
              type="button"
              class="btn icon"
              title=${`${msg('Rotate 90° right')} (R)`}
              aria-label=${msg('Rotate 90 degrees clockwise')}
              @click=${() => dispatchAction(this, { type: 'rotate-by', id: item.id, degrees: 90 })}
            >
              ${icon('rotateCw')}
            </button>
          </div>
          ${
            c && (c.variants?.length || item.variant)
              ? html`<label class="field">
                <span class="label">${msg('Variant')}</span>
                <select
                  class="input"
                  @change=${(e: Event) =>
                    dispatchAction(this, {
                      type: 'apply',
                      outcome: chooseVariant(item.id, (e.target as HTMLSelectElement).value || undefined),
                    })}
                >
                  <option value="">${msg('Standard')} · ${price(c.price_cents)}</option>
                  ${c.variants?.map((o) => html`<option value=${o.sku}>${o.name} · ${price(o.price_cents)}</option>`)}
                  ${
                    variantGone(item, c)
                      ? html`<option value=${item.variant!}>${msg(str`${item.variant} (no longer sold)`)}</option>`
                      : nothing
                  }
                </select>
              </label>`
              : nothing
          }
          <div class="buttons end">
            <button
              type="button"
              class="btn"
              title=${`${msg('Duplicate')} (Ctrl+D)`}
              @click=${() => dispatchAction(this, { type: 'duplicate', id: item.id })}
            >
              ${icon('copy', 16)} ${msg('Duplicate')}
            </button>
            <button
              type="button"
              class="btn danger"
              title=${msg('Delete (Delete)')}
              @click=${() => dispatchAction(this, { type: 'delete', id: item.id })}
            >
              ${icon('trash', 16)} ${msg('Delete')}
            </button>
          </div>
        </div>
      </section>
    `;
  }

  override updated(): void {
    // Set once its options are there (a binding on the select would come before them).
    const select = this.renderRoot.querySelector('select');
    if (select) select.value = this.item?.variant ?? '';
  }

  #lengthField(
    label: string,
    key: string,
    valueCm: number,
    toCentre: (cm: number) => { x: number; y: number },
  ) {
    const item = this.item!;
    return html`
      <label class="field">
        <span class="label">${label}</span>
        <span class="with-unit">
          <input
            class="input num"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            data-field=${key}
            .value=${live(toUnitValue(Math.round(valueCm * 10) / 10, this.unit))}
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const cm = fromUnitValue(input.value, this.unit);
              if (Number.isNaN(cm)) {
                input.value = toUnitValue(Math.round(valueCm * 10) / 10, this.unit);
                return;
              }
              const { x, y } = toCentre(cm);
              dispatchAction(this, { type: 'move', id: item.id, x, y });
            }}
          />
          <span class="unit" aria-hidden="true">${this.unit}</span>
        </span>
      </label>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .empty {
        display: flex;
        gap: 10px;
        align-items: flex-start;
        color: var(--pl-muted);
        font-size: 13px;
      }
      .empty svg {
        margin-top: 2px;
        color: var(--pl-faint);
      }
      .empty p {
        margin: 0;
      }
      .keys {
        font-weight: 600;
        color: var(--pl-text);
      }
      .panel {
        display: grid;
        gap: 10px;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 4px 16px;
      }
      h2 {
        margin: 0;
        font-size: 15px;
        font-weight: 650;
      }
      .meta {
        margin: 0;
        color: var(--pl-muted);
        font-size: 13px;
        font-variant-numeric: tabular-nums;
      }
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 2px 10px;
      }
      .warning {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        margin: 0;
        padding: 3px 10px;
        border-radius: 999px;
        background: var(--pl-warn-soft);
        color: var(--pl-warn);
        font-size: 13px;
        font-weight: 500;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 10px 12px;
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
        width: 96px;
        padding-right: 30px;
        font-variant-numeric: tabular-nums;
      }
      .num.angle {
        width: 84px;
        padding-right: 22px;
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
      .angle::-webkit-inner-spin-button {
        display: none;
      }
      .buttons {
        display: flex;
        gap: 6px;
      }
      .buttons.end {
        margin-left: auto;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-inspector': PlannerInspector;
  }
}
