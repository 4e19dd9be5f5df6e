// @vitest-environment happy-dom
import { msg } from '@lit/localize';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applySettings } from './apply-settings.ts';

afterEach(() => {
  document.documentElement.removeAttribute('style');
  document.documentElement.lang = '';
});

describe('applySettings', () => {
  it("sets the theme as the planner's own custom properties on its root, and the locale", async () => {
    const app = Object.assign(document.createElement('div'), { locale: undefined as string | undefined });
    applySettings(app, {
      theme: {
        accent: '#8a2be2',
        accentText: '#ffffff',
        background: 'rgb(250 248 245)',
        surface: '#fff',
        text: '#111',
        border: '#ddd',
        radius: 10,
        font: '"Brand Sans", Arial, sans-serif',
      },
      locale: 'de-CH',
    });
    const v = (name: string) => app.style.getPropertyValue(name);
    expect(v('--pl-accent')).toBe('#8a2be2');
    expect(v('--pl-accent-text')).toBe('#ffffff');
    expect(v('--pl-accent-hover')).toBe('color-mix(in srgb, #8a2be2 82%, #000)');
    expect(v('--pl-bg')).toBe('rgb(250 248 245)');
    expect(v('--pl-surface')).toBe('#fff');
    expect(v('--pl-text')).toBe('#111');
    expect(v('--pl-border')).toBe('#ddd');
    expect(v('--pl-radius')).toBe('10px');
    expect(v('--pl-radius-sm')).toBe('7px');
    expect(v('--pl-font')).toBe('"Brand Sans", Arial, sans-serif');
    expect(document.documentElement.style.getPropertyValue('--pl-bg')).toBe('rgb(250 248 245)');
    expect(document.documentElement.lang).toBe('de');
    // The app takes the locale once German has loaded: the strings speak German by then.
    await vi.waitFor(() => expect(app.locale).toBe('de-CH'));
    expect(msg('Save')).toBe('Speichern');
  });

  it('leaves what is not given as it was, and speaks English for an unsupported language', async () => {
    const app = Object.assign(document.createElement('div'), { locale: 'fr' as string | undefined });
    app.style.setProperty('--pl-accent', '#000');
    applySettings(app, { locale: 'es-ES' });
    expect(app.style.getPropertyValue('--pl-accent')).toBe('#000');
    expect(document.documentElement.lang).toBe('en');
    await vi.waitFor(() => expect(app.locale).toBe('es-ES'));
    expect(msg('Save')).toBe('Save');
  });
});
