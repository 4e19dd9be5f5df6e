import { describe, expect, it } from 'vitest';
import { generatedSymbol } from './generated-symbol.ts';
import { SvgRejected, sanitizeSvg } from './svg-sanitizer.ts';

const wrap = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"${attrs}>${inner}</svg>`;

/** Nothing in the output may run code, fetch anything or leave the symbol. */
function expectHarmless(svg: string) {
  expect(svg).not.toMatch(/<script|<foreignObject|<style|<image|<iframe|<a[\s>]|<animate|<set[\s>]/i);
  expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
  expect(svg).not.toMatch(/javascript:|data:|https?:\/\/(?!www\.w3\.org\/2000\/svg")/i);
  expect(svg).not.toMatch(/url\((?!#)/i);
  expect(svg).not.toMatch(/<!|&(?!amp;|lt;|gt;|quot;)/);
}

describe('sanitizeSvg', () => {
  it('keeps a plain symbol as it draws', () => {
    const input = wrap(
      '<g fill="#f4f1ec" stroke="#4a4a4a" stroke-width="1.5"><rect x="1" y="1" width="98" height="48" rx="4"/><path d="M5 5L95 45"/></g>',
    );
    const out = sanitizeSvg(input);
    expect(out).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><g fill="#f4f1ec" stroke="#4a4a4a" stroke-width="1.5"><rect x="1" y="1" width="98" height="48" rx="4"></rect><path d="M5 5L95 45"></path></g></svg>',
    );
  });

  it.each([
    ['a script element', wrap('<script>alert(1)</script><rect width="1" height="1"/>')],
    ['a script in CDATA', wrap('<script><![CDATA[alert(1)]]></script>')],
    ['an event handler', wrap('<rect width="1" height="1" onclick="alert(1)" onload="alert(2)"/>')],
    ['an upper-case handler', wrap('<rect width="1" height="1" ONMOUSEOVER="alert(1)"/>')],
    ['a handler on the root', wrap('<rect width="1" height="1"/>', ' onload="alert(1)"')],
    [
      'foreignObject',
      wrap(
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"></img></div></foreignObject>',
      ),
    ],
    [
      'a style element with @import',
      wrap('<style>@import url(https://evil.example/x.css); rect{fill:url(https://evil.example/a)}</style>'),
    ],
    ['a style attribute', wrap('<rect width="1" height="1" style="fill:url(https://evil.example/a)"/>')],
    ['an external use', wrap('<use href="https://evil.example/sprite.svg#a"/>')],
    [
      'an xlink use',
      wrap(
        '<use xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>',
        ' xmlns:xlink="http://www.w3.org/1999/xlink"',
      ),
    ],
    ['a javascript link', wrap('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>')],
    ['an external image', wrap('<image href="https://evil.example/track.png" width="1" height="1"/>')],
    ['an external fill', wrap('<rect width="1" height="1" fill="url(https://evil.example/#g)"/>')],
    [
      'a local and an external fill',
      wrap('<rect width="1" height="1" fill="url(#a) url(http://evil.example/b)"/>'),
    ],
    [
      'animation that sets a link',
      wrap(
        '<a><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="alert(1)"/></a>',
      ),
    ],
    ['an iframe', wrap('<iframe src="https://evil.example"></iframe>')],
    [
      'a processing instruction',
      `<?xml-stylesheet href="https://evil.example/x.css"?>${wrap('<rect width="1" height="1"/>')}`,
    ],
    ['a comment hiding markup', wrap('<!-- <script>alert(1)</script> --><rect width="1" height="1"/>')],
    ['escaped markup in text', wrap('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>')],
    [
      'a quote breaking out of an attribute',
      wrap('<rect width="1" height="1" id="a&quot; onload=&quot;alert(1)"/>'),
    ],
  ])('removes %s', (_, input) => {
    const out = sanitizeSvg(input);
    expectHarmless(out);
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">')).toBe(true);
  });

  it('keeps references inside the symbol', () => {
    const out = sanitizeSvg(
      wrap(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><symbol id="s"><rect width="1" height="1"/></symbol></defs><rect width="10" height="10" fill="url(#g)"/><use href="#s"/>',
      ),
    );
    expect(out).toContain('fill="url(#g)"');
    expect(out).toContain('<use href="#s"></use>');
  });

  it.each([
    ['not XML', '<svg viewBox="0 0 1 1"><rect></svg>'],
    [
      'a DOCTYPE with entities (billion laughs)',
      '<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><svg viewBox="0 0 1 1">&b;</svg>',
    ],
    [
      'an external entity',
      '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg viewBox="0 0 1 1">&x;</svg>',
    ],
    ['another root', '<html><body/></html>'],
    ['two roots', '<svg viewBox="0 0 1 1"/><svg viewBox="0 0 1 1"/>'],
    ['no viewBox', '<svg width="10" height="10"/>'],
    ['a viewBox with script', '<svg viewBox="javascript:alert(1)"/>'],
  ])('refuses %s', (_, input) => {
    expect(() => sanitizeSvg(input)).toThrow(SvgRejected);
  });
});

describe('generatedSymbol', () => {
  it('draws the footprint to scale, and passes the sanitizer unchanged in substance', () => {
    for (const category of ['Seating', 'Beds', 'Tables', 'Storage', 'Lighting']) {
      const svg = generatedSymbol({ category, name: 'x', width_cm: 120, depth_cm: 60 });
      expect(svg).toContain('viewBox="0 0 120 60"');
      expectHarmless(svg);
      expect(sanitizeSvg(svg)).toContain('viewBox="0 0 120 60"');
    }
    expect(generatedSymbol({ category: 'Seating', name: 'x', width_cm: 100, depth_cm: 80 })).not.toBe(
      generatedSymbol({ category: 'Beds', name: 'x', width_cm: 100, depth_cm: 80 }),
    );
  });
});
