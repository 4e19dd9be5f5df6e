import {
  type AnalyticsMessage,
  type AuthenticationMessage,
  type BasketMessage,
  type ConnectMessage,
  type ErrorMessage,
  type HostToPlannerMessage,
  type LoginMessage,
  type LoginRequiredMessage,
  type LogoutMessage,
  type MessageType,
  NAMESPACE,
  type PlannerToHostMessage,
  PROTOCOL_VERSION,
  type ReadyMessage,
  type SettingsMessage,
  type SupportedLanguage,
  type Theme,
  type TokenExpiredMessage,
} from './messages.ts';

/** Why a value was not accepted as a message; handed to the optional debug hook. */
export type RejectReason = 'not_object' | 'foreign' | 'unknown_version' | 'unknown_type' | 'malformed';

/** Called with every value that is not a valid message, for diagnostics. Never throws. */
export type DebugHook = (reason: RejectReason, data: unknown) => void;

type Rec = Record<string, unknown>;

// A JWT is three base64url segments; anything longer than this is not a token we issue,
// and bounding it keeps a hostile frame from making us parse megabytes.
const TOKEN = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const MAX_TOKEN = 8192;
const MAX_TEXT = 1024;

const str = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const token = (v: unknown): v is string => str(v, MAX_TOKEN) && TOKEN.test(v);

const isRec = (d: unknown): d is Rec => typeof d === 'object' && d !== null && !Array.isArray(d);
const int = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
/** Whether `d` has no other own keys than `keys` (space-separated): an allow-list, not a shape. */
const only = (d: Rec, keys: string) => Object.keys(d).every((k) => keys.split(' ').includes(k));
const optional = (v: unknown, max: number) => v === undefined || str(v, max);

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

/**
 * The language the planner speaks for a locale: its own when supported (`de-AT` → `de`),
 * else English. Numbers and dates still follow the whole tag.
 */
export const supportedLanguage = (locale: string | undefined): SupportedLanguage => {
  const lang = locale?.split('-')[0]?.toLowerCase();
  return lang === 'de' || lang === 'fr' ? lang : 'en';
};

const currency = (v: unknown) => str(v) && /^[A-Z]{3}$/.test(v);
// Bounds: a plan holds at most 500 pieces (the platform's limit), a price fits well within a
// safe integer; anything beyond is not a basket a planner could have made.
const MAX_LINES = 500;
const MAX_CENTS = 1e12;
const basket = (d: Rec) => {
  const lines = d.lines;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_LINES) return false;
  let total = 0;
  for (const l of lines) {
    if (
      !isRec(l) ||
      !only(l, 'sku variant name quantity unit_cents subtotal_cents') ||
      !str(l.sku, 64) ||
      !optional(l.variant, 64) ||
      !str(l.name, 200) ||
      !int(l.quantity, 1, MAX_LINES) ||
      !int(l.unit_cents, 0, MAX_CENTS) ||
      l.subtotal_cents !== l.unit_cents * l.quantity
    )
      return false;
    total += l.subtotal_cents;
  }
  return currency(d.currency) && d.total_cents === total && only(d, 'ns v type currency lines total_cents');
};

const text = (v: unknown) => str(v, 64);
/** Each analytics event with the one check of its fields; no other field may be present. */
const analytics: Record<string, [keys: string, check: (d: Rec) => boolean]> = {
  design_started: ['', () => true],
  item_added: ['sku category', (d) => text(d.sku) && text(d.category)],
  project_saved: ['items', (d) => int(d.items, 0, MAX_LINES)],
  basket_requested: [
    'lines quantity total_cents currency',
    (d) =>
      int(d.lines, 1, MAX_LINES) &&
      int(d.quantity, 1, MAX_LINES) &&
      int(d.total_cents, 0, MAX_CENTS) &&
      currency(d.currency),
  ],
};

// One validator per message, each taking a record already known to be ours. Kept apart by
// direction (and each guard holding its own), so a bundle carries only the validators of
// what it receives and checks: the planner's page and the host SDK both count bytes.
type Check = (d: Rec) => boolean;
type Checks = Partial<Record<MessageType, Check>>;
const ready: Check = (d) => str(d.planner) && (d.instance === undefined || str(d.instance, 64));
const withToken: Check = (d) => token(d.token);
const always: Check = () => true;
const tokenExpired: Check = (d) =>
  (d.reason === 'expired' || d.reason === 'rejected') &&
  (d.kind === undefined || d.kind === 'legal_entity' || d.kind === 'user');
const loginRequired: Check = (d) => str(d.reason);
const error: Check = (d) =>
  (d.code === 'token_rejected' || d.code === 'token_unavailable' || d.code === 'refresh_failed') &&
  str(d.message);
const settings: Check = (d) =>
  (d.theme === undefined || isTheme(d.theme)) &&
  (d.locale === undefined || isLocale(d.locale)) &&
  only(d, 'ns v type theme locale');
const analyticsEvent: Check = (d) => {
  const spec = Object.hasOwn(analytics, d.event as string) ? analytics[d.event as string] : undefined;
  return !!spec && only(d, `ns v type event ${spec[0]}`) && spec[1](d);
};

const HOST_TO_PLANNER: Checks = {
  Authentication: withToken,
  Login: withToken,
  Logout: always,
  Error: error,
  Connect: always,
  Settings: settings,
};
const PLANNER_TO_HOST: Checks = {
  Ready: ready,
  TokenExpired: tokenExpired,
  LoginRequired: loginRequired,
  Error: error,
  Basket: basket,
  Analytics: analyticsEvent,
};

function parse(data: unknown, allowed: Checks, debug?: DebugHook): Rec | undefined {
  const reject = (reason: RejectReason): undefined => {
    try {
      debug?.(reason, data);
    } catch {
      // A faulty debug hook must not break message handling.
    }
    return undefined;
  };
  if (!isRec(data)) return reject('not_object');
  if (data.ns !== NAMESPACE) return reject('foreign');
  if (data.v !== PROTOCOL_VERSION) return reject('unknown_version');
  const type = data.type as MessageType;
  // An own key (`hasOwn`), or `toString` would pass for a type.
  const check = typeof type === 'string' && Object.hasOwn(allowed, type) ? allowed[type] : undefined;
  if (!check) return reject('unknown_type');
  return check(data) ? data : reject('malformed');
}

/** Validates a message received by the planner. Returns `undefined` (never throws) when invalid. */
export const parseHostMessage = (data: unknown, debug?: DebugHook): HostToPlannerMessage | undefined =>
  parse(data, HOST_TO_PLANNER, debug) as HostToPlannerMessage | undefined;

/** Validates a message received by the host page. Returns `undefined` (never throws) when invalid. */
export const parsePlannerMessage = (data: unknown, debug?: DebugHook): PlannerToHostMessage | undefined =>
  parse(data, PLANNER_TO_HOST, debug) as PlannerToHostMessage | undefined;

const is =
  <M>(t: MessageType, check: Check) =>
  (data: unknown): data is M =>
    isRec(data) && data.ns === NAMESPACE && data.v === PROTOCOL_VERSION && data.type === t && check(data);

// Marked pure so that bundlers drop the guards a bundle does not use (the host SDK counts bytes).
export const isReady = /* @__PURE__ */ is<ReadyMessage>('Ready', ready);
export const isAuthentication = /* @__PURE__ */ is<AuthenticationMessage>('Authentication', withToken);
export const isLogin = /* @__PURE__ */ is<LoginMessage>('Login', withToken);
export const isLogout = /* @__PURE__ */ is<LogoutMessage>('Logout', always);
export const isTokenExpired = /* @__PURE__ */ is<TokenExpiredMessage>('TokenExpired', tokenExpired);
export const isLoginRequired = /* @__PURE__ */ is<LoginRequiredMessage>('LoginRequired', loginRequired);
export const isError = /* @__PURE__ */ is<ErrorMessage>('Error', error);
export const isConnect = /* @__PURE__ */ is<ConnectMessage>('Connect', always);
export const isSettings = /* @__PURE__ */ is<SettingsMessage>('Settings', settings);
export const isBasket = /* @__PURE__ */ is<BasketMessage>('Basket', basket);
export const isAnalytics = /* @__PURE__ */ is<AnalyticsMessage>('Analytics', analyticsEvent);
