/**
 * The wire format of the planner's iframe protocol. Types only: see `guards.ts` for the
 * validators. Every message shares a namespace and a version so that other postMessage
 * traffic on a page (analytics, other widgets) is never mistaken for ours, and so that a
 * future version can be told apart from this one.
 */

/** Namespace carried by every message. */
export const NAMESPACE = 'planner';
/** The protocol version this package speaks. */
export const PROTOCOL_VERSION = 1;

/**
 * Put in the planner's URL fragment (`#planner-host-listens`, joined to any fragment of the
 * host's own with `&`) by a host that listens for messages from before the frame loads, as the
 * SDK does when it sets the frame's address: its planner says `Ready` once rather than
 * repeating it while the host fetches a token (see `ReadyMessage`). Only a hint about timing:
 * it opens nothing, so a page that sets it falsely only makes its own planner wait longer.
 */
export const HOST_LISTENS_FRAGMENT = 'planner-host-listens';

export type MessageType =
  | 'Ready'
  | 'Authentication'
  | 'Login'
  | 'Logout'
  | 'TokenExpired'
  | 'LoginRequired'
  | 'Error'
  | 'Connect'
  | 'Settings'
  | 'Basket'
  | 'Analytics';

interface Base<T extends MessageType> {
  ns: typeof NAMESPACE;
  v: typeof PROTOCOL_VERSION;
  type: T;
}

/**
 * Planner → host. Repeated (with back-off) until the first token arrives, so a host page
 * whose script attaches late still connects; said once, then only every few seconds, to a
 * host that said it listens from the start (`HOST_LISTENS_FRAGMENT`), and again soon after
 * that host's token was refused or it had none.
 */
export interface ReadyMessage extends Base<'Ready'> {
  /** Planner build version, for diagnostics. */
  planner: string;
  /**
   * A random id of this page load of the planner. A repeated `Ready` with the id the host
   * already answered crossed its token on the wire (the planner repeats until a token
   * arrives); a new id means the planner reloaded. Optional: older planners omit it.
   */
  instance?: string;
}

/** Host → planner. A legal-entity token: nobody is logged in on the host. */
export interface AuthenticationMessage extends Base<'Authentication'> {
  token: string;
}

/** Host → planner. A user token: a user is logged in on the host. */
export interface LoginMessage extends Base<'Login'> {
  token: string;
}

/** Host → planner. The user logged out on the host; the planner drops the user token. */
export type LogoutMessage = Base<'Logout'>;

/** Why the planner asks for a new token. */
export type TokenExpiredReason = 'expired' | 'rejected';
/** Which kind of token the planner held. */
export type TokenKind = 'legal_entity' | 'user';

/**
 * Planner → host. The token expired (judged locally from `exp`) or the platform refused
 * it. The host answers with a new `Authentication` or `Login`.
 */
export interface TokenExpiredMessage extends Base<'TokenExpired'> {
  reason: TokenExpiredReason;
  /** The kind of token that expired, when the planner had one. */
  kind?: TokenKind;
}

/** Planner → host. A visitor tried something that needs a user (saving a project). */
export interface LoginRequiredMessage extends Base<'LoginRequired'> {
  reason: string;
}

/** Stable error codes carried by `Error` messages. */
export type ProtocolErrorCode =
  /** Planner → host: the token was refused (bad origin, malformed, expired on arrival). */
  | 'token_rejected'
  /** Host → planner: the host's token provider failed or timed out after retries. */
  | 'token_unavailable'
  /** Planner → host: the planner could not renew its session. */
  | 'refresh_failed';

/** Either direction. Something the other side should show or log. */
export interface ErrorMessage extends Base<'Error'> {
  code: ProtocolErrorCode;
  message: string;
}

/**
 * Host → planner, SDK only: carries two `MessagePort`s in `event.ports` — `[rpc, events]` —
 * for the typed RPC that follows the handshake. Hosts without the SDK never send it.
 */
export type ConnectMessage = Base<'Connect'>;

/**
 * The host's brand, as a fixed allow-list of design tokens: nothing else crosses the boundary,
 * and no value is CSS text (see `isTheme`). Every field is optional; a missing one keeps the
 * planner's own.
 */
export interface Theme {
  /** Buttons, selection, focus rings. A colour: `#rgb`, `#rrggbb` (with alpha too) or `rgb(…)`. */
  accent?: string;
  /** Text on the accent colour. */
  accentText?: string;
  /** The page behind the panels. */
  background?: string;
  /** Panels, cards, dialogs. */
  surface?: string;
  text?: string;
  border?: string;
  /** Corner radius of panels and buttons, in CSS pixels, 0–24. */
  radius?: number;
  /** A font stack: family names, quoted or not, separated by commas (`"Brand Sans", Arial, sans-serif`). */
  font?: string;
}

/** Languages the planner speaks; any other locale falls back to English (`supportedLocale`). */
export const LOCALES = ['en', 'de', 'fr'] as const;
export type SupportedLanguage = (typeof LOCALES)[number];

/**
 * Host → planner, once a token has pinned the host's origin (sent earlier, it is kept until
 * then; see the README). Sent by the SDK right after the first token to each planner page load,
 * and again whenever the host changes them. Each field present replaces the planner's current
 * one; an absent field is left as it is.
 */
export interface SettingsMessage extends Base<'Settings'> {
  theme?: Theme;
  /** A BCP 47 tag (`de`, `de-CH`, `fr-FR`): numbers, prices and dates follow it. */
  locale?: string;
  /**
   * The host page that opens a shared project (an absolute `http(s)` URL, at most 2 000
   * characters; the planner ignores any other scheme): the planner's "Copy link" sets `planner-project=<id>` on it, and the host
   * page opens that project (`openProject`) when it is loaded with it. The SDK sends the
   * page's own address unless told otherwise.
   */
  link?: string;
  /**
   * The signed-in shopper's name as the host knows them (at most 100 characters; `''` clears
   * it): the session badge shows it instead of the user id. The planner forgets it when the
   * session ends (`Logout`), so send it again after each login.
   */
  shopper?: string;
}

/** One line of a basket: how many of one SKU (and variant) the plan holds, at the catalog's price. */
export interface BasketLine {
  /** The catalog item's SKU (its catalog id). */
  sku: string;
  /**
   * The variant's own SKU, when the piece was placed in a variant (colour, material); the
   * line's prices are then the variant's.
   */
  variant?: string;
  /** The item's name, as the planner showed it (with the variant's: "Tova Dining Chair, Black"). */
  name: string;
  /** A whole number, at least 1. */
  quantity: number;
  /** Price of one, in minor units of the basket's currency (cents). */
  unit_cents: number;
  /** `unit_cents × quantity`. */
  subtotal_cents: number;
}

/**
 * Planner → host. The shopper pressed "Add to basket": the plan's pieces, one line per SKU and
 * variant. Prices are what the planner showed; the host's shop prices the basket itself.
 */
export interface BasketMessage extends Base<'Basket'> {
  /** ISO 4217 code (`EUR`); one currency per basket. */
  currency: string;
  lines: BasketLine[];
  /** Sum of the subtotals. */
  total_cents: number;
}

/**
 * What a retailer may measure, and only this: every event has a fixed set of fields and none
 * says who the shopper is (no user id, token, project name or free text). See `isAnalytics`.
 */
export type AnalyticsEvent =
  /** The first change to an empty design in this page load. */
  | { event: 'design_started' }
  /** A piece was placed from the catalog. */
  | { event: 'item_added'; sku: string; category: string }
  /** A project was saved; `items` is how many pieces it holds. */
  | { event: 'project_saved'; items: number }
  /** "Add to basket" was pressed (the `Basket` message follows). */
  | { event: 'basket_requested'; lines: number; quantity: number; total_cents: number; currency: string };
export type AnalyticsEventName = AnalyticsEvent['event'];

/** Planner → host. One analytics event. */
export type AnalyticsMessage = Base<'Analytics'> & AnalyticsEvent;

export type HostToPlannerMessage =
  | AuthenticationMessage
  | LoginMessage
  | LogoutMessage
  | ErrorMessage
  | ConnectMessage
  | SettingsMessage;

export type PlannerToHostMessage =
  | ReadyMessage
  | TokenExpiredMessage
  | LoginRequiredMessage
  | ErrorMessage
  | BasketMessage
  | AnalyticsMessage;

export type Message = HostToPlannerMessage | PlannerToHostMessage;
