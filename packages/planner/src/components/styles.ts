import { css } from 'lit';

/**
 * Design tokens and the few shared control styles. Tokens are custom properties set on
 * `planner-app`; they inherit into every shadow root, so one place decides the look.
 * A host may not restyle us (we are in an iframe), but the tokens keep the palette honest:
 * neutrals, one accent, amber for warnings, red for destructive actions.
 */
export const tokens = css`
  :host {
    --pl-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --pl-bg: #f4f5f7;
    --pl-surface: #ffffff;
    --pl-surface-2: #f7f8fa;
    --pl-sunken: #eceef2;
    --pl-border: #e2e5ea;
    --pl-border-strong: #c9ced6;
    --pl-text: #1b2127;
    --pl-muted: #5b6672;
    --pl-faint: #8a939d;
    --pl-accent: #0f766e;
    --pl-accent-hover: #0b5f59;
    --pl-accent-soft: #e3f3f1;
    --pl-accent-text: #ffffff;
    --pl-warn: #b45309;
    --pl-warn-soft: #fdf3e4;
    --pl-danger: #b42318;
    --pl-danger-soft: #fdecea;
    --pl-success: #15803d;
    --pl-radius: 10px;
    --pl-radius-sm: 7px;
    --pl-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 8%);
    --pl-shadow-lg: 0 12px 32px rgb(16 24 40 / 18%);
    --pl-focus: 0 0 0 2px var(--pl-surface), 0 0 0 4px var(--pl-accent);
  }
`;

export const base = css`
  :host {
    font-family: var(--pl-font);
    color: var(--pl-text);
    font-size: 14px;
    line-height: 1.4;
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
    outline: 2px solid var(--pl-accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 34px;
    padding: 0 12px;
    border: 1px solid var(--pl-border-strong);
    border-radius: var(--pl-radius-sm);
    background: var(--pl-surface);
    color: var(--pl-text);
    font-weight: 500;
    white-space: nowrap;
    cursor: pointer;
    transition:
      background-color 120ms,
      border-color 120ms,
      color 120ms;
  }
  .btn:hover:not(:disabled) {
    background: var(--pl-surface-2);
    border-color: var(--pl-faint);
  }
  .btn:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }
  .btn.primary {
    background: var(--pl-accent);
    border-color: var(--pl-accent);
    color: var(--pl-accent-text);
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--pl-accent-hover);
    border-color: var(--pl-accent-hover);
  }
  .btn.quiet {
    border-color: transparent;
    background: transparent;
  }
  .btn.quiet:hover:not(:disabled) {
    background: var(--pl-sunken);
    border-color: transparent;
  }
  .btn.danger {
    color: var(--pl-danger);
  }
  .btn.danger:hover:not(:disabled) {
    background: var(--pl-danger-soft);
    border-color: var(--pl-danger);
  }
  .btn.solid-danger {
    background: var(--pl-danger);
    border-color: var(--pl-danger);
    color: #fff;
  }
  .btn.icon {
    width: 34px;
    padding: 0;
  }
  .btn.small {
    min-height: 28px;
    padding: 0 10px;
    font-size: 13px;
  }
  .btn svg {
    flex: none;
  }
  .input {
    min-height: 34px;
    padding: 0 10px;
    border: 1px solid var(--pl-border-strong);
    border-radius: var(--pl-radius-sm);
    background: var(--pl-surface);
    min-width: 0;
  }
  .input:hover {
    border-color: var(--pl-faint);
  }
  .input:focus-visible {
    outline: none;
    border-color: var(--pl-accent);
    box-shadow: 0 0 0 3px var(--pl-accent-soft);
  }
  .input[aria-invalid='true'] {
    border-color: var(--pl-danger);
  }
  .label {
    font-size: 12px;
    font-weight: 600;
    color: var(--pl-muted);
  }
`;
