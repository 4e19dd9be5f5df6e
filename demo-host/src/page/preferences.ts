import type { Theme } from '@planner/host';

/**
 * The shopper's choices on the demo shop: the language (which the shop passes to the planner
 * as its locale) and, from the developer panel, a theme to show the planner branded. Kept in
 * `localStorage`, so the category pages and the planner page agree.
 */
export const LOCALES = {
  'en-GB': 'English',
  'en-US': 'English (US, feet and inches)',
  'de-DE': 'Deutsch',
  'fr-FR': 'Français',
} as const;
export type ShopLocale = keyof typeof LOCALES;

/** Design tokens only (the protocol's allow-list): the planner refuses anything else. */
export const THEMES: Record<string, { label: string; theme: Theme }> = {
  planner: {
    label: 'Planner default',
    theme: {
      accent: '#0f766e',
      accentText: '#ffffff',
      background: '#f4f5f7',
      surface: '#ffffff',
      text: '#1b2127',
      border: '#e2e5ea',
      radius: 10,
      font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    },
  },
  nordhem: {
    label: 'Nordhem (the shop’s brand)',
    theme: {
      accent: '#2f6f5e',
      accentText: '#ffffff',
      background: '#faf8f4',
      surface: '#ffffff',
      text: '#1f2421',
      border: '#e3e0d9',
      radius: 4,
      font: 'Georgia, "Times New Roman", serif',
    },
  },
  plum: {
    label: 'Plum (high contrast)',
    theme: {
      accent: 'rgb(106 27 154)',
      accentText: '#fff',
      background: '#fdf7ff',
      surface: '#ffffff',
      text: '#140a1a',
      border: '#c9b3d6',
      radius: 0,
      font: 'Verdana, Arial, sans-serif',
    },
  },
};

const read = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const write = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {}
};

export const preferences = {
  get locale(): ShopLocale {
    const saved = read('shop-locale');
    return saved && Object.hasOwn(LOCALES, saved) ? (saved as ShopLocale) : 'en-GB';
  },
  set locale(value: ShopLocale) {
    write('shop-locale', value);
  },
  get theme(): string {
    const saved = read('shop-theme');
    return saved && Object.hasOwn(THEMES, saved) ? saved : 'nordhem';
  },
  set theme(value: string) {
    write('shop-theme', value);
  },
};

/** `89900, 'EUR'` → `€899.00` / `899,00 €`, in the shop's language. */
export const formatPrice = (cents: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
