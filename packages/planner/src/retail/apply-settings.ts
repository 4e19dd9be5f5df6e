import { supportedLanguage, type Theme } from '@planner/protocol';
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
 * app's `locale` (numbers, prices, dates) and the document's language. The host's `link` is
 * where "Copy link" points (share/project-link.ts), its `shopper` the name the session badge
 * shows (session/shopper-name.ts).
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
    app.locale = locale;
    document.documentElement.lang = supportedLanguage(locale);
  }
}
