/**
 * Two small SVG charts, written by hand: a horizontal bar chart (one bar per figure,
 * optionally a min–max whisker) and a line chart (series over steps or time). No library:
 * the report must render on GitHub with nothing but the file.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const COLOURS = ['#3b6fb6', '#d9822b', '#4a9d5b', '#b84a4a', '#7b5ea7', '#6b6b6b'];

export interface Bar {
  label: string;
  value: number;
  min?: number;
  max?: number;
  /** Draw this bar in the accent colour (ours, among competitors). */
  accent?: boolean;
}

export function barChart(title: string, unit: string, bars: readonly Bar[], marker?: number): string {
  const labelW = 260;
  const plotW = 420;
  const rowH = 22;
  const top = 34;
  const h = top + bars.length * rowH + 28;
  const w = labelW + plotW + 90;
  const peak = Math.max(...bars.map((b) => b.max ?? b.value), marker ?? 0, 1e-9);
  const x = (v: number) => labelW + (v / peak) * plotW;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${Math.max(1, x(b.value) - labelW).toFixed(1)}" height="${rowH - 8}" fill="${b.accent ? COLOURS[1] : COLOURS[0]}"/>`,
    );
    if (b.min !== undefined && b.max !== undefined) {
      const cy = y + rowH / 2 - 1;
      parts.push(
        `<line x1="${x(b.min).toFixed(1)}" x2="${x(b.max).toFixed(1)}" y1="${cy}" y2="${cy}" stroke="#222"/>`,
        `<line x1="${x(b.min).toFixed(1)}" x2="${x(b.min).toFixed(1)}" y1="${cy - 4}" y2="${cy + 4}" stroke="#222"/>`,
        `<line x1="${x(b.max).toFixed(1)}" x2="${x(b.max).toFixed(1)}" y1="${cy - 4}" y2="${cy + 4}" stroke="#222"/>`,
      );
    }
    parts.push(
      `<text x="${(x(b.max ?? b.value) + 6).toFixed(1)}" y="${y + 14}">${num(b.value)} ${esc(unit)}</text>`,
    );
  });
  if (marker !== undefined) {
    parts.push(
      `<line x1="${x(marker).toFixed(1)}" x2="${x(marker).toFixed(1)}" y1="${top - 4}" y2="${h - 22}" stroke="#b84a4a" stroke-dasharray="4 3"/>`,
      `<text x="${x(marker).toFixed(1)}" y="${h - 8}" text-anchor="middle" fill="#b84a4a">${num(marker)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
}

export interface LineOptions {
  xLabel: string;
  yLabel: string;
  /** Steps that grow by factors (10 → 10 000) read better on a log axis. */
  logX?: boolean;
  /** Vertical markers, e.g. "token arrives". */
  markers?: readonly { x: number; label: string }[];
}

export function lineChart(title: string, series: readonly Series[], options: LineOptions): string {
  const w = 720;
  const h = 360;
  const left = 64;
  const right = 160;
  const top = 34;
  const bottom = 48;
  const all = series.flatMap((s) => s.points);
  const fx = (v: number) => (options.logX ? Math.log10(Math.max(v, 1e-9)) : v);
  const xs = all.map(([px]) => fx(px));
  const x0 = Math.min(...xs, ...(options.markers ?? []).map((m) => fx(m.x)));
  const x1 = Math.max(...xs, ...(options.markers ?? []).map((m) => fx(m.x)), x0 + 1e-9);
  const y1 = Math.max(...all.map(([, py]) => py), 1e-9) * 1.05;
  const sx = (v: number) => left + ((fx(v) - x0) / (x1 - x0)) * (w - left - right);
  const sy = (v: number) => h - bottom - (v / y1) * (h - top - bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="#222"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${h - bottom}" stroke="#222"/>`,
    `<text x="${(left + w - right) / 2}" y="${h - 10}" text-anchor="middle">${esc(options.xLabel)}</text>`,
    `<text x="14" y="${(top + h - bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(top + h - bottom) / 2})">${esc(options.yLabel)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (y1 * i) / 4;
    parts.push(
      `<text x="${left - 6}" y="${sy(v) + 4}" text-anchor="end">${num(v)}</text>`,
      `<line x1="${left}" x2="${w - right}" y1="${sy(v)}" y2="${sy(v)}" stroke="#ddd"/>`,
    );
  }
  const ticks = [...new Set(all.map(([px]) => px))].sort((a, b) => a - b);
  const shown = ticks.length > 12 ? [ticks[0]!, ticks[ticks.length >> 1]!, ticks[ticks.length - 1]!] : ticks;
  for (const t of shown) {
    parts.push(`<text x="${sx(t)}" y="${h - bottom + 16}" text-anchor="middle">${num(t)}</text>`);
  }
  for (const m of options.markers ?? []) {
    parts.push(
      `<line x1="${sx(m.x)}" x2="${sx(m.x)}" y1="${top}" y2="${h - bottom}" stroke="#b84a4a" stroke-dasharray="4 3"/>`,
      `<text x="${sx(m.x) + 4}" y="${top + 12}" fill="#b84a4a">${esc(m.label)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points
      .map(([px, py], j) => `${j ? 'L' : 'M'}${sx(px).toFixed(1)},${sy(py).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`,
      ...(s.points.length <= 12
        ? s.points.map(
            ([px, py]) =>
              `<circle cx="${sx(px).toFixed(1)}" cy="${sy(py).toFixed(1)}" r="3" fill="${colour}"/>`,
          )
        : []),
      `<rect x="${w - right + 12}" y="${top + i * 18}" width="10" height="10" fill="${colour}"/>`,
      `<text x="${w - right + 26}" y="${top + i * 18 + 9}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
