import { css } from 'lit';
import { base, tokens } from './styles.ts';

/**
 * The layout of `planner-app`: the catalog column (a drawer when narrow), the plan column
 * and the summary. The header and the banners bring their own styles.
 */
export const appStyles = [
  tokens,
  base,
  css`
    :host {
      display: block;
      background: var(--pl-bg);
      -webkit-font-smoothing: antialiased;
    }
    .app {
      display: flex;
      flex-direction: column;
    }
    .body {
      display: grid;
      grid-template-columns: minmax(270px, 320px) minmax(0, 1fr);
      align-items: stretch;
    }
    .catalog {
      position: relative;
      background: var(--pl-surface);
      border-right: 1px solid var(--pl-border);
      min-height: 480px;
    }
    .catalog-inner {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
    }
    .catalog-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 14px 16px 10px;
    }
    .catalog-head h2 {
      margin: 0;
      font-size: 15px;
      font-weight: 650;
    }
    planner-catalog {
      flex: 1;
      min-height: 0;
    }
    .main {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 14px 16px 16px;
      min-width: 0;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 10px 16px;
    }
    .card {
      background: var(--pl-surface);
      border: 1px solid var(--pl-border);
      border-radius: var(--pl-radius);
      padding: 12px 14px;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 6px 16px;
      padding: 0 2px;
      color: var(--pl-muted);
      font-size: 13px;
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      align-items: center;
    }
    .warned {
      display: inline-flex;
      align-items: center;
      gap: 5px;
      color: var(--pl-warn);
      font-weight: 500;
    }
    .total {
      display: flex;
      align-items: baseline;
      gap: 8px;
    }
    .total output {
      font-size: 20px;
      font-weight: 700;
      color: var(--pl-text);
      font-variant-numeric: tabular-nums;
    }
    .muted {
      color: var(--pl-faint);
    }
    .scrim {
      position: fixed;
      inset: 0;
      background: rgb(16 24 40 / 30%);
      z-index: 9;
    }
    @media (max-width: 759px) {
      .body {
        grid-template-columns: minmax(0, 1fr);
      }
      .catalog.drawer {
        position: fixed;
        inset: 0 auto 0 0;
        width: min(360px, 88vw);
        min-height: 0;
        z-index: 10;
        box-shadow: var(--pl-shadow-lg);
        transform: translateX(-105%);
        visibility: hidden;
        transition:
          transform 200ms ease,
          visibility 0s linear 200ms;
      }
      .catalog.drawer.open {
        transform: none;
        visibility: visible;
        transition: transform 200ms ease;
      }
      .main {
        padding: 12px;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .catalog.drawer,
      .catalog.drawer.open {
        transition: none;
      }
    }
  `,
];
