import { css, unsafeCSS } from 'lit';
import { CARD, DETAILS } from './catalog-window.ts';

/** The catalog list's look: cards of a fixed height (the virtual list places them by arithmetic). */
export const catalogStyles = css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .search {
        position: relative;
        padding: 0 16px;
      }
      .search-icon {
        position: absolute;
        left: 27px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--pl-faint);
        display: flex;
        pointer-events: none;
      }
      .search .input {
        width: 100%;
        padding-left: 32px;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        padding: 12px 16px 4px;
      }
      .chip {
        border: 1px solid var(--pl-border);
        background: var(--pl-surface);
        border-radius: 999px;
        padding: 3px 10px;
        font-size: 13px;
        color: var(--pl-muted);
        cursor: pointer;
      }
      .chip:hover {
        border-color: var(--pl-border-strong);
        color: var(--pl-text);
      }
      .chip[aria-pressed='true'] {
        background: var(--pl-accent-soft);
        border-color: var(--pl-accent);
        color: var(--pl-accent-hover);
        font-weight: 600;
      }
      .results {
        min-height: 0;
        flex: 1;
        overflow: auto;
        padding: 0 16px 16px;
      }
      .count {
        margin: 8px 0;
        font-size: 12px;
        color: var(--pl-faint);
      }
      .empty {
        color: var(--pl-muted);
        padding: 24px 0;
        text-align: center;
      }
      .cards {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      .cards.virtual {
        display: block;
        position: relative;
      }
      .virtual > .card {
        position: absolute;
        left: 0;
        right: 0;
        height: ${unsafeCSS(CARD)}px;
        overflow: hidden;
      }
      .virtual > .card.open {
        height: ${unsafeCSS(CARD + DETAILS)}px;
      }
      .card {
        box-sizing: border-box;
        border: 1px solid var(--pl-border);
        border-radius: var(--pl-radius);
        background: var(--pl-surface);
        padding: 10px;
        cursor: grab;
        /* A finger scrolls the list up and down, and drags a card sideways onto the plan. */
        touch-action: pan-y;
        transition:
          border-color 120ms,
          box-shadow 120ms;
      }
      .card:hover {
        border-color: var(--pl-border-strong);
        box-shadow: var(--pl-shadow);
      }
      .card:active {
        cursor: grabbing;
      }
      .card-main {
        display: flex;
        gap: 12px;
        align-items: center;
      }
      .thumb {
        flex: none;
        width: 64px;
        height: 52px;
        border-radius: var(--pl-radius-sm);
        background: var(--pl-surface-2);
        display: flex;
        align-items: center;
        justify-content: center;
        padding: 5px;
      }
      .thumb img {
        display: block;
        max-width: 100%;
        max-height: 100%;
        width: auto;
        height: auto;
      }
      .info {
        min-width: 0;
        flex: 1;
      }
      .name {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        margin: 0 0 2px;
        font-size: 14px;
        font-weight: 600;
        line-height: 1.3;
      }
      .meta {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 2px 10px;
        font-size: 12.5px;
        color: var(--pl-muted);
        font-variant-numeric: tabular-nums;
      }
      .price {
        color: var(--pl-text);
        font-weight: 500;
      }
      .card-actions {
        display: flex;
        justify-content: space-between;
        align-items: center;
        margin-top: 8px;
      }
      .details-toggle {
        color: var(--pl-muted);
        padding: 0 6px;
      }
      .chev {
        display: inline-flex;
        transition: transform 150ms;
      }
      .card.open .chev {
        transform: rotate(180deg);
      }
      .add {
        border-color: var(--pl-accent);
        color: var(--pl-accent-hover);
      }
      .add:hover:not(:disabled) {
        background: var(--pl-accent-soft);
        border-color: var(--pl-accent);
      }
      .details {
        box-sizing: border-box;
        height: ${unsafeCSS(DETAILS - 8)}px;
        overflow: auto;
        margin-top: 8px;
        padding-top: 8px;
        border-top: 1px solid var(--pl-border);
        font-size: 13px;
        color: var(--pl-muted);
      }
      .details p {
        margin: 0 0 8px;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(2, 1fr);
        gap: 4px 12px;
        margin: 0;
      }
      dl div {
        display: flex;
        justify-content: space-between;
        gap: 8px;
      }
      dt {
        color: var(--pl-faint);
      }
      dd {
        margin: 0;
        color: var(--pl-text);
        font-variant-numeric: tabular-nums;
      }
      .skeleton {
        display: flex;
        gap: 12px;
        align-items: center;
        cursor: default;
      }
      .skeleton .thumb,
      .bars span {
        background: linear-gradient(90deg, var(--pl-sunken), var(--pl-surface-2), var(--pl-sunken));
        background-size: 200% 100%;
        animation: shimmer 1.4s ease-in-out infinite;
      }
      .bars {
        flex: 1;
        display: grid;
        gap: 8px;
      }
      .bars span {
        display: block;
        height: 10px;
        border-radius: 4px;
      }
      .bars span + span {
        width: 60%;
      }
      @keyframes shimmer {
        to {
          background-position: -200% 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .skeleton .thumb,
        .bars span {
          animation: none;
        }
      }
      .error {
        margin-top: 12px;
        padding: 12px;
        border-radius: var(--pl-radius);
        background: var(--pl-danger-soft);
        color: var(--pl-danger);
      }
      .error p {
        margin: 0 0 8px;
      }
    `;
