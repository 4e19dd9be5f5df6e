import { css } from 'lit';

/**
 * The base styles every component of both apps starts from: box sizing, focus ring,
 * `.sr-only`, and the controls (`.btn` with `primary`, `quiet`, `danger`, `solid-danger`,
 * `icon`, `small`; `.input`; `.label`). Every button variant sets its own colours for each
 * state it has, so a generic rule (`.btn:hover`) never pairs one variant's text with
 * another's background.
 */
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
    color: var(--pl-danger-text);
  }
  .btn.solid-danger:hover:not(:disabled) {
    background: var(--pl-danger-hover);
    border-color: var(--pl-danger-hover);
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
