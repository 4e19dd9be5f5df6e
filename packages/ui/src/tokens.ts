import { css } from 'lit';

/**
 * The design tokens of the planner and the admin console. They are custom properties set on
 * each app's root element (`static styles = [tokens, …]`) and inherit into every shadow root,
 * so one place decides the look: neutrals, one accent, amber for warnings, red for destructive
 * actions. Text colours are chosen for at least 4.5:1 against the surfaces they sit on
 * (`contrast.test.ts`).
 */
export const tokens = css`
  :host {
    --pl-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --pl-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    --pl-bg: #f4f5f7;
    --pl-surface: #ffffff;
    --pl-surface-2: #f7f8fa;
    --pl-sunken: #eceef2;
    --pl-border: #e2e5ea;
    --pl-border-strong: #c9ced6;
    --pl-text: #1b2127;
    --pl-muted: #5b6672;
    --pl-faint: #67707a;
    --pl-accent: #0f766e;
    --pl-accent-hover: #0b5f59;
    --pl-accent-soft: #e3f3f1;
    --pl-accent-text: #ffffff;
    --pl-warn: #b45309;
    --pl-warn-soft: #fdf3e4;
    --pl-danger: #b42318;
    --pl-danger-hover: #912018;
    --pl-danger-soft: #fdecea;
    --pl-danger-text: #ffffff;
    --pl-success: #137638;
    --pl-success-soft: #e7f5ec;
    --pl-radius: 10px;
    --pl-radius-sm: 7px;
    --pl-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 8%);
    --pl-shadow-lg: 0 12px 32px rgb(16 24 40 / 18%);
    --pl-focus: 0 0 0 2px var(--pl-surface), 0 0 0 4px var(--pl-accent);
  }
`;
