import { svg, type TemplateResult } from 'lit';

/**
 * A handful of 20 px stroke icons, inline so nothing loads at start. Always decorative
 * (`aria-hidden`): every button carries its own text or label.
 */
const paths = {
  undo: svg`<path d="M8 5 4 9l4 4"/><path d="M4 9h8a4 4 0 0 1 0 8H9"/>`,
  redo: svg`<path d="m12 5 4 4-4 4"/><path d="M16 9H8a4 4 0 0 0 0 8h3"/>`,
  rotateCw: svg`<path d="M16 4v4h-4"/><path d="M16 8a6.5 6.5 0 1 0 .9 5"/>`,
  rotateCcw: svg`<path d="M4 4v4h4"/><path d="M4 8a6.5 6.5 0 1 1-.9 5"/>`,
  copy: svg`<rect x="7" y="7" width="10" height="10" rx="2"/><path d="M13 7V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h2"/>`,
  trash: svg`<path d="M4 6h12"/><path d="M8 6V4h4v2"/><path d="M5.5 6l.8 10a1.5 1.5 0 0 0 1.5 1.4h4.4a1.5 1.5 0 0 0 1.5-1.4l.8-10"/>`,
  plus: svg`<path d="M10 4v12M4 10h12"/>`,
  search: svg`<circle cx="9" cy="9" r="5.5"/><path d="m13 13 4 4"/>`,
  folder: svg`<path d="M3 6a2 2 0 0 1 2-2h3l2 2h5a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2Z"/>`,
  file: svg`<path d="M11 3H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V8Z"/><path d="M11 3v5h5"/>`,
  save: svg`<path d="M5 3h8l4 4v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z"/><path d="M7 3v4h5"/><rect x="6" y="11" width="8" height="6"/>`,
  close: svg`<path d="m5 5 10 10M15 5 5 15"/>`,
  sofa: svg`<path d="M4 9V7a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v2"/><path d="M3 14v-3a1.5 1.5 0 0 1 3 0v1h8v-1a1.5 1.5 0 0 1 3 0v3a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1Z"/>`,
  alert: svg`<path d="M10 3 2.5 16h15Z"/><path d="M10 8v4"/><path d="M10 14.5v.01"/>`,
  check: svg`<path d="m4.5 10.5 3.5 3.5 7.5-8"/>`,
  info: svg`<circle cx="10" cy="10" r="7"/><path d="M10 9v5"/><path d="M10 6.5v.01"/>`,
  chevron: svg`<path d="m7 8 3 3 3-3"/>`,
  refresh: svg`<path d="M16 4v4h-4"/><path d="M4 16v-4h4"/><path d="M15.5 8A6 6 0 0 0 5 6.5M4.5 12A6 6 0 0 0 15 13.5"/>`,
  mail: svg`<rect x="3" y="5" width="14" height="10" rx="2"/><path d="m3.5 6 6.5 5 6.5-5"/>`,
  logo: svg`<rect x="3" y="3" width="14" height="14" rx="3"/><path d="M3 10h7V3M10 10v7"/>`,
} as const;

export type IconName = keyof typeof paths;

export function icon(name: IconName, size = 18): TemplateResult {
  return svg`<svg width=${size} height=${size} viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
