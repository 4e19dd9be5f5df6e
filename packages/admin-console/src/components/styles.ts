import { base as shared, tokens } from '@planner/ui';
import { css } from 'lit';

export { tokens };

/**
 * The console's look: the tokens and control styles it shares with the planner
 * (@planner/ui), plus the console's own pieces (cards, fields, tables, notices, badges).
 * Tokens are custom properties on `admin-app`; they inherit into every shadow root.
 */
export const base = [
  shared,
  css`
    h1:focus,
    h2:focus {
      outline: none;
    }
    .card {
      background: var(--pl-surface);
      border: 1px solid var(--pl-border);
      border-radius: var(--pl-radius);
      box-shadow: var(--pl-shadow);
      padding: 20px;
    }
    .card > h2 {
      margin: 0 0 4px;
      font-size: 16px;
    }
    .hint {
      margin: 0 0 14px;
      color: var(--pl-muted);
    }
    .field {
      display: grid;
      gap: 4px;
    }
    .field > span {
      font-weight: 500;
    }
    .mono {
      font-family: var(--pl-mono);
      font-size: 13px;
    }
    .row {
      display: flex;
      gap: 8px;
      align-items: end;
      flex-wrap: wrap;
    }
    .notice {
      margin: 12px 0 0;
      padding: 10px 12px;
      border-radius: var(--pl-radius-sm);
      border: 1px solid var(--pl-border);
      background: var(--pl-surface-2);
    }
    .notice.error {
      border-color: #f4c7c2;
      background: var(--pl-danger-soft);
      color: var(--pl-danger);
    }
    .notice.warn {
      border-color: #f3d9b1;
      background: var(--pl-warn-soft);
      color: #7a3a06;
    }
    .notice.ok {
      border-color: #b9e0cf;
      background: var(--pl-accent-soft);
      color: #0b4f49;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 8px 10px;
      border-bottom: 1px solid var(--pl-border);
      vertical-align: middle;
    }
    th {
      font-size: 12px;
      font-weight: 600;
      color: var(--pl-muted);
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }
    .empty {
      color: var(--pl-muted);
      padding: 12px 0 0;
      margin: 0;
    }
    .link {
      border: none;
      background: none;
      padding: 0;
      color: var(--pl-accent);
      font-weight: 500;
      cursor: pointer;
      text-decoration: underline;
      text-underline-offset: 2px;
    }
    .badge {
      display: inline-block;
      padding: 1px 8px;
      border-radius: 999px;
      font-size: 12px;
      background: var(--pl-sunken);
      color: var(--pl-muted);
    }
    .badge.on {
      background: var(--pl-accent-soft);
      color: #0b4f49;
    }
    .badge.off {
      background: var(--pl-danger-soft);
      color: var(--pl-danger);
    }
  `,
];
