import type {
  AnalyticsEvent,
  BasketMessage,
  PlannerEvent,
  PlannerEventMap,
  PlannerEventName,
} from '@planner/protocol';
import type { EmbedError } from './errors.ts';

/** What `on(name, listener)` hands to listeners, by event name. */
export interface EmbedEventMap extends Omit<PlannerEventMap, 'error'> {
  /**
   * An `EmbedError` when the SDK failed (`TOKEN_PROVIDER_FAILED`, `READY_TIMEOUT`), or the
   * planner's own `{ code, message }` (`token_rejected`, `refresh_failed`, …).
   */
  error: EmbedError | PlannerEventMap['error'];
  /** The shopper pressed "Add to basket": the plan's lines (the `Basket` message, validated). */
  basket: Omit<BasketMessage, 'ns' | 'v' | 'type'>;
  /** One analytics event, with only its allow-listed fields (the `Analytics` message, validated). */
  analytics: AnalyticsEvent;
}
export type EmbedEventName = keyof EmbedEventMap;
export type EmbedListener<K extends EmbedEventName> = (event: CustomEvent<EmbedEventMap[K]>) => void;

type Rec = Record<string, unknown>;

const isText = (v: unknown) => typeof v === 'string';

// One check per event, as the protocol has one per message. Only the planner holds the other
// end of the port (it went to the planner's origin only), so this guards against a planner of
// another version or a bug, not a hostile frame: the types are checked, not the lengths.
const valid: Record<PlannerEventName, (d: Rec) => boolean> = {
  ready: () => true,
  // Written as the protocol's `TokenExpired` check is, which also lets gzip share the bytes.
  tokenExpired: (d) =>
    (d.reason === 'expired' || d.reason === 'rejected') &&
    (d.kind === undefined || d.kind === 'legal_entity' || d.kind === 'user'),
  loginRequired: (d) => isText(d.reason),
  projectSaved: (d) => isText(d.id) && isText(d.name) && Number.isInteger(d.version),
  error: (d) => isText(d.code) && isText(d.message),
  resize: (d) => Number.isFinite(d.height) && (d.height as number) >= 0,
};

/** Validates a message from the events port. Returns `undefined` (never throws) when invalid. */
export const parseEvent = (data: unknown): PlannerEvent | undefined => {
  const type = (data as Rec | undefined)?.type;
  // A string, or `['ready']` would pass for `ready`; an own key (`hasOwn`, not `in`), or
  // `toString` would pass for an event. Primitives have no `type`.
  return isText(type) && Object.hasOwn(valid, type) && valid[type as PlannerEventName](data as Rec)
    ? (data as PlannerEvent)
    : undefined;
};

/** The DOM event type an SDK event travels as: `projectSaved` → `planner-projectsaved`. */
export const eventType = (name: EmbedEventName) => `planner-${name.toLowerCase()}`;

/**
 * Events are `CustomEvent`s (payload in `detail`) on `target`: a private one, or the
 * `<planner-embed>` element, which so fires them for the page without a second dispatch.
 * `EventTarget` also isolates listeners: one that throws is reported, the others still run.
 */
export function createEmitter(target: EventTarget = new EventTarget()) {
  const off = <K extends EmbedEventName>(name: K, listener: EmbedListener<K>) =>
    target.removeEventListener(eventType(name), listener as EventListener);
  return {
    on<K extends EmbedEventName>(name: K, listener: EmbedListener<K>): () => void {
      target.addEventListener(eventType(name), listener as EventListener);
      return () => off(name, listener);
    },
    off,
    emit: <K extends EmbedEventName>(name: K, detail: EmbedEventMap[K]) =>
      target.dispatchEvent(new CustomEvent(eventType(name), { detail })),
  };
}
