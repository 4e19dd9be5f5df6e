import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TokenStore } from '../session.ts';
import './admin-app.ts';

const store: TokenStore = { load: () => null, save() {}, clear() {} };

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('the language picker', () => {
  it('switches the console to German and back, and remembers the choice', async () => {
    const app = document.createElement('admin-app');
    app.store = store;
    document.body.append(app);
    await app.updateComplete;
    const heading = () =>
      app.shadowRoot!.querySelector('admin-sign-in')!.shadowRoot!.querySelector('h1')!.textContent;
    const pick = (lang: string) => {
      const select = app.shadowRoot!.querySelector<HTMLSelectElement>('select#language')!;
      select.value = lang;
      select.dispatchEvent(new Event('change'));
    };
    await vi.waitFor(() => expect(heading()).toBe('Sign in'));

    pick('de');
    await vi.waitFor(() => expect(heading()).toBe('Anmelden'));
    expect(localStorage.getItem('admin-language')).toBe('de');
    expect(document.documentElement.lang).toBe('de');

    pick('en');
    await vi.waitFor(() => expect(heading()).toBe('Sign in'));
    expect(localStorage.getItem('admin-language')).toBe('en');
  });
});
