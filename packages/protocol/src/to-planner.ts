/**
 * What the planner receives from the host, with one validator per message: the tokens,
 * `Logout`, `Error`, `Connect`, and `Settings` with its theme, locale and link checks. Kept apart
 * from what the host receives (`to-host.ts`), so the planner's page carries only these.
 */

import {
  always,
  type Check,
  type Checks,
  type DebugHook,
  error,
  int,
  is,
  isRec,
  only,
  optional,
  parse,
  str,
  token,
} from './lib/check.ts';
import type {
  AuthenticationMessage,
  ConnectMessage,
  ErrorMessage,
  HostToPlannerMessage,
  LoginMessage,
  LogoutMessage,
  SettingsMessage,
  Theme,
} from './messages.ts';

// Theme values are never CSS text: a colour is `#hex` or `rgb(…)` of digits and separators,
// a font stack is family names of letters, digits, spaces and hyphens (quoted or not) between
// commas. Neither alphabet holds `;`, `{`, `}`, `\\`, `@`, `:` or a `(` other than rgb's own,
// so no value can end a declaration, open a rule, escape a character or call `url()`.
const COLOUR = /^(?:#(?:[\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})|rgba?\([\d\s.,%/]{5,40}\))$/i;
const FAMILY = `(?:[\\w -]+|'[\\w -]+'|"[\\w -]+")`;
const FONT = new RegExp(`^${FAMILY}(?:,\\s*${FAMILY})*$`);
const THEME_COLOURS = ['accent', 'accentText', 'background', 'surface', 'text', 'border'];

/** Whether `t` is a `Theme`: known keys only, each value in its safe alphabet and range. */
export const isTheme = (t: unknown): t is Theme =>
  isRec(t) &&
  Object.entries(t).every(([k, v]) =>
    k === 'radius'
      ? int(v, 0, 24)
      : k === 'font'
        ? str(v, 200) && FONT.test(v)
        : THEME_COLOURS.includes(k) && str(v, 48) && COLOUR.test(v),
  );

// A well-formed BCP 47 tag, loosely: a 2–3 letter language and up to a few subtags.
const LOCALE = /^[a-z]{2,3}(?:-[a-z\d]{2,8}){0,3}$/i;
/** Whether `v` is a well-formed locale tag (`de`, `fr-CH`), supported or not. */
export const isLocale = (v: unknown): v is string => str(v, 35) && LOCALE.test(v);

const withToken: Check = (d) => token(d.token);
const settings: Check = (d) =>
  (d.theme === undefined || isTheme(d.theme)) &&
  (d.locale === undefined || isLocale(d.locale)) &&
  // The link's scheme is checked where it is used (the planner's project-link.ts, and the
  // SDK before sending): here only its size, to keep the planner's first load small.
  optional(d.link, 2000) &&
  optional(d.shopper, 100) &&
  only(d, 'ns v type theme locale link shopper');

const HOST_TO_PLANNER: Checks = {
  Authentication: withToken,
  Login: withToken,
  Logout: always,
  Error: error,
  Connect: always,
  Settings: settings,
};

/** Validates a message received by the planner. Returns `undefined` (never throws) when invalid. */
export const parseHostMessage = (data: unknown, debug?: DebugHook): HostToPlannerMessage | undefined =>
  parse(data, HOST_TO_PLANNER, debug) as HostToPlannerMessage | undefined;

// Marked pure so that bundlers drop the guards a bundle does not use (the host SDK counts bytes).
export const isAuthentication = /* @__PURE__ */ is<AuthenticationMessage>('Authentication', withToken);
export const isLogin = /* @__PURE__ */ is<LoginMessage>('Login', withToken);
export const isLogout = /* @__PURE__ */ is<LogoutMessage>('Logout', always);
export const isError = /* @__PURE__ */ is<ErrorMessage>('Error', error);
export const isConnect = /* @__PURE__ */ is<ConnectMessage>('Connect', always);
export const isSettings = /* @__PURE__ */ is<SettingsMessage>('Settings', settings);
