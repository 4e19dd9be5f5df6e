import { describe, expect, it } from 'vitest';
import { base } from './base.ts';
import { tokens } from './tokens.ts';

/**
 * Every button variant, at rest and hovered, must show its text at 4.5:1 or more against its
 * own background (WCAG AA). The colours are the ones the browser engine computes from the real
 * stylesheets (happy-dom resolves the cascade and the custom properties); hover is reached by
 * rewriting `:hover` to a class, since nothing can hover in happy-dom.
 */

const VARIANTS = ['', 'primary', 'quiet', 'danger', 'solid-danger'] as const;
const STATES = ['rest', 'hover'] as const;

function rgb(value: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(value.trim());
  if (hex) {
    const n = Number.parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const m = /^rgba?\(([^)]+)\)$/.exec(value.trim());
  if (!m) throw new Error(`not a colour: ${value}`);
  const [r, g, b, a = '1'] = m[1]!.split(/[\s,/]+/).filter(Boolean);
  return [Number(r), Number(g), Number(b), Number(a)];
}

function luminance([r, g, b]: [number, number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(fg: string, bg: string): number {
  const [a, b] = [luminance(rgb(fg)), luminance(rgb(bg))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${tokens.cssText}\n${base.cssText}`.replaceAll(':hover', '.is-hover');
  root.append(style);
  const surface = getComputedStyle(host).getPropertyValue('--pl-surface').trim();
  return { root, host, surface };
}

describe('button colours', () => {
  it('computes real colours (the check cannot pass on empty values)', () => {
    const { root } = mount();
    const b = document.createElement('button');
    b.className = 'btn solid-danger';
    root.append(b);
    expect(rgb(getComputedStyle(b).backgroundColor)).toEqual([180, 35, 24, 1]);
    expect(contrast('#ffffff', '#f7f8fa')).toBeLessThan(1.1);
  });

  for (const variant of VARIANTS) {
    for (const state of STATES) {
      it(`.btn${variant ? `.${variant}` : ''} ${state}: text at 4.5:1 or more`, () => {
        const { root, surface } = mount();
        const b = document.createElement('button');
        b.className = `btn ${variant} ${state === 'hover' ? 'is-hover' : ''}`;
        b.textContent = 'Delete';
        root.append(b);
        const style = getComputedStyle(b);
        const bgRaw = style.backgroundColor;
        // A transparent button shows the surface it sits on.
        const bg = !bgRaw || bgRaw === 'transparent' || rgb(bgRaw)[3] === 0 ? surface : bgRaw;
        expect(contrast(style.color, bg), `${style.color} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});

/**
 * The text colours on the surfaces text sits on: the pieces count and hints (`--pl-faint`), the
 * signed-in badge (`--pl-success`) and the rest, each at 4.5:1 or more (axe measured the old
 * faint at 3.11:1 and the old green at 4.45:1 in the planner).
 */
describe('text colours on the surfaces', () => {
  const token = (name: string) => getComputedStyle(mount().host).getPropertyValue(name).trim();
  const TEXT = [
    '--pl-text',
    '--pl-muted',
    '--pl-faint',
    '--pl-accent',
    '--pl-success',
    '--pl-warn',
    '--pl-danger',
  ];
  const SURFACES = ['--pl-surface', '--pl-surface-2', '--pl-bg'];
  for (const fg of TEXT) {
    for (const bg of SURFACES) {
      it(`${fg} on ${bg}: 4.5:1 or more`, () => {
        const [f, b] = [token(fg), token(bg)];
        expect(f).toMatch(/^#[0-9a-f]{6}$/i);
        expect(contrast(f, b), `${f} on ${b}`).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
  // The tinted chips and banners: each colour on its own soft background.
  for (const [fg, bg] of [
    ['--pl-success', '--pl-success-soft'],
    ['--pl-warn', '--pl-warn-soft'],
    ['--pl-danger', '--pl-danger-soft'],
    ['--pl-accent', '--pl-accent-soft'],
  ] as const) {
    it(`${fg} on ${bg}: 4.5:1 or more`, () => {
      const [f, b] = [token(fg), token(bg)];
      expect(f).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrast(f, b), `${f} on ${b}`).toBeGreaterThanOrEqual(4.5);
    });
  }
});
