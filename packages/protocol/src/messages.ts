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

export type MessageType =
  | 'Ready'
  | 'Authentication'
  | 'Login'
  | 'Logout'
  | 'TokenExpired'
  | 'LoginRequired'
  | 'Error'
  | 'Connect';

interface Base<T extends MessageType> {
  ns: typeof NAMESPACE;
  v: typeof PROTOCOL_VERSION;
  type: T;
}

/**
 * Planner → host. Repeated (with back-off) until the first token arrives, so a host page
 * whose script attaches late still connects.
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

export type HostToPlannerMessage =
  | AuthenticationMessage
  | LoginMessage
  | LogoutMessage
  | ErrorMessage
  | ConnectMessage;

export type PlannerToHostMessage = ReadyMessage | TokenExpiredMessage | LoginRequiredMessage | ErrorMessage;

export type Message = HostToPlannerMessage | PlannerToHostMessage;
