import { supportedLanguage, type Theme } from '@planner/protocol';
import { setLanguage } from '../i18n/localization.ts';
import { setShopperName } from '../session/shopper-name.ts';
import { setHostLink } from '../share/project-link.ts';

/** Which of the planner's own custom properties each theme colour sets. */
const COLOURS: Record<string, string> = {
  accent: '--pl-accent',
  accentText: '--pl-accent-text',
  background: '--pl-bg',
  surface: '--pl-surface',
  text: '--pl-text',
  border: '--pl-border',
};

/**
 * Applies the host's theme and locale (a `settings` event of the bridge, which the protocol
 * validated: allow-listed tokens, each value in a safe alphabet) to the planner's root
 * element, `planner-app`: colours, radius and font become its `--pl-*` custom properties,
 * set through the CSSOM one value at a time, never as CSS text. Values derived from the
 * accent (hover, soft) are mixed here from the validated colour. The locale becomes the
 * document's language, the language of every string (`setLanguage`, which loads that
 * language's strings) and then the app's `locale` (numbers, prices, dates, units). The
 * host's `link` is where "Copy link" points (share/project-link.ts), its `shopper` the name
 * the session badge shows (session/shopper-name.ts).
 */
export function applySettings(
  app: HTMLElement & { locale?: string | undefined },
  {
    theme,
    locale,
    link,
    shopper,
  }: {
    theme?: Theme | undefined;
    locale?: string | undefined;
    link?: string | undefined;
    shopper?: string | undefined;
  },
): void {
  setHostLink(link);
  setShopperName(shopper);
  const set = (name: string, value: string) => app.style.setProperty(name, value);
  for (const [key, value] of Object.entries(theme ?? {})) {
    if (key === 'radius') {
      set('--pl-radius', `${value}px`);
      set('--pl-radius-sm', `${Math.round((value as number) * 0.7)}px`);
    } else if (key === 'font') {
      set('--pl-font', value as string);
    } else if (Object.hasOwn(COLOURS, key)) {
      set(COLOURS[key]!, value as string);
      if (key === 'accent') {
        set('--pl-accent-hover', `color-mix(in srgb, ${value} 82%, #000)`);
        set('--pl-accent-soft', `color-mix(in srgb, ${value} 14%, #fff)`);
      }
      // The page behind the app (the iframe's own background) follows too.
      if (key === 'background') document.documentElement.style.setProperty('--pl-bg', value as string);
    }
  }
  if (locale) {
    document.documentElement.lang = supportedLanguage(locale);
    // The app takes the locale once its language's strings are there (or could not be
    // fetched: numbers and dates still follow it), so everything bound to `locale` re-renders
    // in the new language at once, strings and numbers together.
    const take = () => {
      app.locale = locale;
    };
    void setLanguage(locale).then(take, take);
  }
}
