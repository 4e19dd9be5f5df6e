/**
 * What the validators share: the record and string checks, the envelope parser and the
 * guard builder. Internal: the package exports the validators, not these.
 */
import { type MessageType, NAMESPACE, PROTOCOL_VERSION } from '../messages.ts';

/** Why a value was not accepted as a message; handed to the optional debug hook. */
export type RejectReason = 'not_object' | 'foreign' | 'unknown_version' | 'unknown_type' | 'malformed';

/** Called with every value that is not a valid message, for diagnostics. Never throws. */
export type DebugHook = (reason: RejectReason, data: unknown) => void;

export type Rec = Record<string, unknown>;

// A JWT is three base64url segments; anything longer than this is not a token we issue,
// and bounding it keeps a hostile frame from making us parse megabytes.
const TOKEN = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const MAX_TOKEN = 8192;
const MAX_TEXT = 1024;

export const str = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
export const token = (v: unknown): v is string => str(v, MAX_TOKEN) && TOKEN.test(v);

export const isRec = (d: unknown): d is Rec => typeof d === 'object' && d !== null && !Array.isArray(d);
export const int = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
/** Whether `d` has no other own keys than `keys` (space-separated): an allow-list, not a shape. */
export const only = (d: Rec, keys: string) => Object.keys(d).every((k) => keys.split(' ').includes(k));
export const optional = (v: unknown, max: number) => v === undefined || str(v, max);

export const currency = (v: unknown) => str(v) && /^[A-Z]{3}$/.test(v);

export type Check = (d: Rec) => boolean;
/** One validator per message type a side may receive. */
export type Checks = Partial<Record<MessageType, Check>>;

export const always: Check = () => true;
export const error: Check = (d) =>
  (d.code === 'token_rejected' || d.code === 'token_unavailable' || d.code === 'refresh_failed') &&
  str(d.message);

export function parse(data: unknown, allowed: Checks, debug?: DebugHook): Rec | undefined {
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

export const is =
  <M>(t: MessageType, check: Check) =>
  (data: unknown): data is M =>
    isRec(data) && data.ns === NAMESPACE && data.v === PROTOCOL_VERSION && data.type === t && check(data);
