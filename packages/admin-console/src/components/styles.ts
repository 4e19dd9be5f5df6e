import { css } from 'lit';

/**
 * The console's look: the planner's palette and control styles (packages/planner's
 * `components/styles.ts`), copied rather than imported, since the planner is not a library.
 * Tokens are custom properties on `admin-app`; they inherit into every shadow root.
 */
export const tokens = css`
  :host {
    --ad-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --ad-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    --ad-bg: #f4f5f7;
    --ad-surface: #ffffff;
    --ad-surface-2: #f7f8fa;
    --ad-sunken: #eceef2;
    --ad-border: #e2e5ea;
    --ad-border-strong: #c9ced6;
    --ad-text: #1b2127;
    --ad-muted: #5b6672;
    --ad-faint: #8a939d;
    --ad-accent: #0f766e;
    --ad-accent-hover: #0b5f59;
    --ad-accent-soft: #e3f3f1;
    --ad-warn: #b45309;
    --ad-warn-soft: #fdf3e4;
    --ad-danger: #b42318;
    --ad-danger-soft: #fdecea;
    --ad-success: #15803d;
    --ad-radius: 10px;
    --ad-radius-sm: 7px;
    --ad-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 8%);
    --ad-shadow-lg: 0 12px 32px rgb(16 24 40 / 18%);
  }
`;

export const base = css`
  :host {
    font-family: var(--ad-font);
    color: var(--ad-text);
    font-size: 14px;
    line-height: 1.45;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--ad-accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h1:focus,
  h2:focus {
    outline: none;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  .card {
    background: var(--ad-surface);
    border: 1px solid var(--ad-border);
    border-radius: var(--ad-radius);
    box-shadow: var(--ad-shadow);
    padding: 20px;
  }
  .card > h2 {
    margin: 0 0 4px;
    font-size: 16px;
  }
  .hint {
    margin: 0 0 14px;
    color: var(--ad-muted);
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 34px;
    padding: 0 12px;
    border: 1px solid var(--ad-border-strong);
    border-radius: var(--ad-radius-sm);
    background: var(--ad-surface);
    color: var(--ad-text);
    font-weight: 500;
    white-space: nowrap;
    cursor: pointer;
  }
  .btn:hover:not(:disabled) {
    background: var(--ad-surface-2);
    border-color: var(--ad-faint);
  }
  .btn:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }
  .btn.primary {
    background: var(--ad-accent);
    border-color: var(--ad-accent);
    color: #fff;
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--ad-accent-hover);
    border-color: var(--ad-accent-hover);
  }
  .btn.quiet {
    border-color: transparent;
    background: transparent;
  }
  .btn.danger {
    color: var(--ad-danger);
  }
  .btn.danger:hover:not(:disabled) {
    background: var(--ad-danger-soft);
    border-color: var(--ad-danger);
  }
  .btn.solid-danger {
    background: var(--ad-danger);
    border-color: var(--ad-danger);
    color: #fff;
  }
  .btn.small {
    min-height: 28px;
    padding: 0 10px;
    font-size: 13px;
  }
  .field {
    display: grid;
    gap: 4px;
  }
  .field > span {
    font-weight: 500;
  }
  .input {
    min-height: 34px;
    padding: 0 10px;
    border: 1px solid var(--ad-border-strong);
    border-radius: var(--ad-radius-sm);
    background: var(--ad-surface);
    min-width: 0;
  }
  .input:focus-visible {
    outline: 2px solid var(--ad-accent);
    outline-offset: 0;
  }
  .mono {
    font-family: var(--ad-mono);
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
    border-radius: var(--ad-radius-sm);
    border: 1px solid var(--ad-border);
    background: var(--ad-surface-2);
  }
  .notice.error {
    border-color: #f4c7c2;
    background: var(--ad-danger-soft);
    color: var(--ad-danger);
  }
  .notice.warn {
    border-color: #f3d9b1;
    background: var(--ad-warn-soft);
    color: #7a3a06;
  }
  .notice.ok {
    border-color: #b9e0cf;
    background: var(--ad-accent-soft);
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
    border-bottom: 1px solid var(--ad-border);
    vertical-align: middle;
  }
  th {
    font-size: 12px;
    font-weight: 600;
    color: var(--ad-muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .empty {
    color: var(--ad-muted);
    padding: 12px 0 0;
    margin: 0;
  }
  .link {
    border: none;
    background: none;
    padding: 0;
    color: var(--ad-accent);
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
    background: var(--ad-sunken);
    color: var(--ad-muted);
  }
  .badge.on {
    background: var(--ad-accent-soft);
    color: #0b4f49;
  }
  .badge.off {
    background: var(--ad-danger-soft);
    color: var(--ad-danger);
  }
`;
