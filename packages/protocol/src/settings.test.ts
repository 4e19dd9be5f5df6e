import { describe, expect, it } from 'vitest';
import { isLocale, isTheme, parseHostMessage } from './guards.ts';
import { supportedLanguage } from './locale.ts';

const settings = (body: Record<string, unknown>) => ({ ns: 'planner', v: 1, type: 'Settings', ...body });

describe('Settings', () => {
  it('accepts a theme of allow-listed tokens and a locale, as a host without the SDK would post them', () => {
    const raw = settings({
      theme: {
        accent: '#8a2be2',
        accentText: '#fff',
        background: 'rgb(250 248 245)',
        surface: 'rgba(255, 255, 255, 0.9)',
        text: '#1b2127ff',
        border: '#ddd',
        radius: 4,
        font: '"Brand Sans", Georgia, sans-serif',
      },
      locale: 'de-CH',
    });
    expect(parseHostMessage(raw)).toEqual(raw);
    expect(parseHostMessage(settings({}))).toEqual(settings({}));
  });

  it.each([
    ['a declaration break in a colour', { accent: 'red;}body{background:url(https://evil.example/x)' }],
    ['a url() as a colour', { background: 'url(https://evil.example/x.png)' }],
    ['a colour keyword (not in the allow-list)', { accent: 'red' }],
    ['an expression', { accent: 'var(--x)' }],
    ['a colour with braces inside rgb()', { accent: 'rgb(1,2,3)}' }],
    ['an escape in a font', { font: 'Arial\\3b' }],
    ['a rule in a font', { font: 'Arial;}body{display:none' }],
    ['a url() in a font', { font: 'url(https://evil.example/f.woff)' }],
    ['an at-rule in a font', { font: '@import x' }],
    ['an unbalanced quote in a font', { font: '"Arial, sans-serif' }],
    ['a radius out of range', { radius: 400 }],
    ['a radius as CSS text', { radius: '4px' }],
    ['a fractional radius', { radius: 1.5 }],
    ['an unknown token', { 'background-image': '#fff' }],
    ['a prototype key', JSON.parse('{"__proto__": {"accent": "#fff"}}')],
  ])('refuses a theme with %s', (_, theme) => {
    expect(isTheme(theme)).toBe(false);
    expect(parseHostMessage(settings({ theme }))).toBeUndefined();
  });

  it.each([['en'], ['de'], ['fr-FR'], ['de-CH'], ['es'], ['zh-Hant-TW']])(
    'takes the well-formed locale %s',
    (tag) => {
      expect(isLocale(tag)).toBe(true);
    },
  );

  it.each([[''], ['e'], ['de_DE'], ['de-'], ['<script>'], ['en-US;x'], [42], ['x'.repeat(40)]])(
    'refuses the locale %j',
    (tag) => {
      expect(isLocale(tag)).toBe(false);
      expect(parseHostMessage(settings({ locale: tag }))).toBeUndefined();
    },
  );

  it('takes the host page a shared link opens, an absolute http(s) URL', () => {
    const raw = settings({ link: 'https://shop.example/planner?room=1#top' });
    expect(parseHostMessage(raw)).toEqual(raw);
  });

  it.each([[`https://shop.example/${'x'.repeat(2000)}`], [42], [{ href: 'https://shop.example/' }]])(
    'refuses the link %j',
    (link) => {
      expect(parseHostMessage(settings({ link }))).toBeUndefined();
    },
  );

  it("takes the shopper's name, or '' to clear it", () => {
    expect(parseHostMessage(settings({ shopper: 'Ada Lovelace' }))).toEqual(
      settings({ shopper: 'Ada Lovelace' }),
    );
    expect(parseHostMessage(settings({ shopper: '' }))).toEqual(settings({ shopper: '' }));
  });

  it.each([['x'.repeat(101)], [42], [{ name: 'Ada' }], [null]])('refuses the shopper name %j', (shopper) => {
    expect(parseHostMessage(settings({ shopper }))).toBeUndefined();
  });

  it('refuses unknown fields next to theme and locale', () => {
    expect(parseHostMessage(settings({ css: 'body{}' }))).toBeUndefined();
  });

  it('speaks a supported language and falls back to English', () => {
    expect(supportedLanguage('de-AT')).toBe('de');
    expect(supportedLanguage('FR')).toBe('fr');
    expect(supportedLanguage('es-ES')).toBe('en');
    expect(supportedLanguage(undefined)).toBe('en');
  });
});
