import { type Message, NAMESPACE, PROTOCOL_VERSION } from './messages.ts';

// Distributive, so a union message (`AnalyticsMessage`) keeps each member's own fields.
type Body<M extends Message> = M extends Message ? Omit<M, 'ns' | 'v' | 'type'> : never;

/** Builds a message with the namespace and version filled in. */
export const message = <M extends Message>(type: M['type'], body: Body<M>): M =>
  ({ ns: NAMESPACE, v: PROTOCOL_VERSION, type, ...body }) as unknown as M;
