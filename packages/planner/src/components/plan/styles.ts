import { css } from 'lit';

/** The plan's look: floor, walls and openings, pieces and their states, handles, zoom buttons. */
export const planStyles = css`
      :host {
        display: block;
        position: relative;
      }
      .stage {
        width: 100%;
        min-height: 240px;
        max-height: 620px;
        border-radius: var(--pl-radius);
        background:
          radial-gradient(circle at 1px 1px, rgb(27 33 39 / 7%) 1px, transparent 0) 0 0 / 16px 16px,
          var(--pl-surface-2);
        border: 1px solid var(--pl-border);
        transition:
          box-shadow 120ms,
          border-color 120ms;
      }
      .stage.drop {
        border-color: var(--pl-accent);
        box-shadow: inset 0 0 0 2px var(--pl-accent-soft);
      }
      svg.plan {
        display: block;
        width: 100%;
        height: 100%;
        user-select: none;
        -webkit-user-select: none;
        /* A finger on the plan drags, pans or pinches it; the page does not scroll or zoom. */
        touch-action: none;
        border-radius: inherit;
      }
      svg.plan.panning {
        cursor: grabbing;
      }
      svg.plan:focus {
        outline: none;
      }
      .floor {
        cursor: grab;
      }
      .wall {
        fill: none;
        stroke: #39424c;
        stroke-linejoin: miter;
        stroke-miterlimit: 8;
        pointer-events: none;
      }
      .dims path {
        stroke: var(--pl-faint);
        stroke-width: 1px;
        vector-effect: non-scaling-stroke;
        fill: none;
      }
      .dim-label {
        fill: var(--pl-muted);
        font-weight: 600;
        text-anchor: middle;
        font-variant-numeric: tabular-nums;
      }
      .empty-hint {
        fill: var(--pl-faint);
        text-anchor: middle;
        dominant-baseline: middle;
        pointer-events: none;
      }
      .item {
        cursor: grab;
        touch-action: none;
        outline: none;
      }
      .item:active {
        cursor: grabbing;
      }
      /* The hit area; invisible under a symbol (round pieces have no box). */
      .footprint {
        fill: transparent;
        stroke: none;
      }
      .item.unknown .footprint,
      .item.pending .footprint {
        fill: var(--pl-sunken);
        stroke: var(--pl-faint);
        stroke-width: 1px;
        stroke-dasharray: 4 3;
        vector-effect: non-scaling-stroke;
      }
      .tint {
        fill: transparent;
        stroke: none;
      }
      .ring {
        fill: none;
        stroke: transparent;
        stroke-width: 2px;
        vector-effect: non-scaling-stroke;
        pointer-events: none;
      }
      .item:hover .ring {
        stroke: rgb(15 118 110 / 45%);
      }
      .item.warn .ring {
        stroke: var(--pl-warn);
        stroke-dasharray: 5 3;
      }
      .item.warn .tint {
        fill: rgb(180 83 9 / 10%);
      }
      .item.selected .ring {
        stroke: var(--pl-accent);
        stroke-dasharray: none;
        stroke-width: 2px;
      }
      .item.selected .tint {
        fill: rgb(15 118 110 / 10%);
      }
      .item:focus-visible .ring {
        stroke: var(--pl-accent);
        stroke-width: 3px;
        stroke-dasharray: none;
        filter: drop-shadow(0 0 1.5px #fff);
      }
      .overlay {
        pointer-events: none;
      }
      .selection line {
        stroke: var(--pl-accent);
        stroke-width: 1.5px;
        vector-effect: non-scaling-stroke;
      }
      .handle {
        fill: #fff;
        stroke: var(--pl-accent);
        stroke-width: 2px;
        vector-effect: non-scaling-stroke;
        pointer-events: all;
        cursor: grab;
        touch-action: none;
      }
      .badge circle {
        fill: var(--pl-warn);
        stroke: #fff;
        stroke-width: 1.5px;
        vector-effect: non-scaling-stroke;
      }
      .badge text {
        fill: #fff;
        font-weight: 700;
        text-anchor: middle;
      }
      .wall-hit {
        stroke: transparent;
        cursor: move;
        outline: none;
      }
      .wall-hit:hover,
      .wall-hit:focus-visible {
        stroke: rgb(15 118 110 / 35%);
      }
      .corner {
        fill: #fff;
        stroke: #39424c;
        stroke-width: 1.5px;
        vector-effect: non-scaling-stroke;
        cursor: move;
        outline: none;
      }
      .corner:hover,
      .corner:focus-visible {
        fill: var(--pl-accent);
        stroke: var(--pl-accent);
      }
      .opening {
        cursor: ew-resize;
        outline: none;
      }
      .opening .gap {
        fill: #fff;
        stroke: #39424c;
        stroke-width: 1px;
        vector-effect: non-scaling-stroke;
      }
      .opening .hit {
        fill: transparent;
      }
      .opening .swing {
        fill: rgb(57 66 76 / 6%);
        stroke: #7b8590;
        stroke-width: 1px;
        stroke-dasharray: 4 3;
        vector-effect: non-scaling-stroke;
        pointer-events: none;
      }
      .opening .leaf,
      .opening .glass {
        stroke: #39424c;
        stroke-width: 2px;
        vector-effect: non-scaling-stroke;
        fill: none;
      }
      .opening .glass {
        stroke: #3b82c4;
        stroke-width: 1.5px;
      }
      .opening:hover .gap,
      .opening:focus-visible .gap,
      .opening.selected .gap {
        stroke: var(--pl-accent);
        stroke-width: 2px;
      }
      .zoom {
        position: absolute;
        right: 10px;
        bottom: 10px;
        display: flex;
        gap: 4px;
      }
      .zoom button {
        min-width: 32px;
        height: 32px;
        padding: 0 8px;
        border: 1px solid var(--pl-border);
        border-radius: 8px;
        background: var(--pl-surface, #fff);
        color: var(--pl-text, #1b2127);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      .zoom button:focus-visible {
        outline: 2px solid var(--pl-accent);
        outline-offset: 1px;
      }
      .area {
        position: absolute;
        left: 10px;
        bottom: 10px;
        padding: 2px 8px;
        border-radius: 6px;
        background: rgb(255 255 255 / 85%);
        color: var(--pl-muted);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
        pointer-events: none;
      }
`;
