import {
  type AuthenticationMessage,
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

/** One validator per message: each takes a record already known to be ours. */
const shape: Record<MessageType, (d: Rec) => boolean> = {
  Ready: (d) => str(d.planner) && (d.instance === undefined || str(d.instance, 64)),
  Authentication: (d) => token(d.token),
  Login: (d) => token(d.token),
  Logout: () => true,
  TokenExpired: (d) =>
    (d.reason === 'expired' || d.reason === 'rejected') &&
    (d.kind === undefined || d.kind === 'legal_entity' || d.kind === 'user'),
  LoginRequired: (d) => str(d.reason),
  Error: (d) =>
    (d.code === 'token_rejected' || d.code === 'token_unavailable' || d.code === 'refresh_failed') &&
    str(d.message),
  Connect: () => true,
};

const HOST_TO_PLANNER = new Set<MessageType>(['Authentication', 'Login', 'Logout', 'Error', 'Connect']);
const PLANNER_TO_HOST = new Set<MessageType>(['Ready', 'TokenExpired', 'LoginRequired', 'Error']);

function parse(data: unknown, allowed: Set<MessageType>, debug?: DebugHook): Rec | undefined {
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
  if (typeof type !== 'string' || !allowed.has(type)) return reject('unknown_type');
  return shape[type](data) ? data : reject('malformed');
}

/** Validates a message received by the planner. Returns `undefined` (never throws) when invalid. */
export const parseHostMessage = (data: unknown, debug?: DebugHook): HostToPlannerMessage | undefined =>
  parse(data, HOST_TO_PLANNER, debug) as HostToPlannerMessage | undefined;

/** Validates a message received by the host page. Returns `undefined` (never throws) when invalid. */
export const parsePlannerMessage = (data: unknown, debug?: DebugHook): PlannerToHostMessage | undefined =>
  parse(data, PLANNER_TO_HOST, debug) as PlannerToHostMessage | undefined;

const is =
  <M>(t: MessageType) =>
  (data: unknown): data is M =>
    isRec(data) && data.ns === NAMESPACE && data.v === PROTOCOL_VERSION && data.type === t && shape[t](data);

// Marked pure so that bundlers drop the guards a bundle does not use (the host SDK counts bytes).
export const isReady = /* @__PURE__ */ is<ReadyMessage>('Ready');
export const isAuthentication = /* @__PURE__ */ is<AuthenticationMessage>('Authentication');
export const isLogin = /* @__PURE__ */ is<LoginMessage>('Login');
export const isLogout = /* @__PURE__ */ is<LogoutMessage>('Logout');
export const isTokenExpired = /* @__PURE__ */ is<TokenExpiredMessage>('TokenExpired');
export const isLoginRequired = /* @__PURE__ */ is<LoginRequiredMessage>('LoginRequired');
export const isError = /* @__PURE__ */ is<ErrorMessage>('Error');
export const isConnect = /* @__PURE__ */ is<ConnectMessage>('Connect');
