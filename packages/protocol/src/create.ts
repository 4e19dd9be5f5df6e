import { type Message, NAMESPACE, PROTOCOL_VERSION } from './messages.ts';

type Body<M extends Message> = Omit<M, 'ns' | 'v' | 'type'>;

/** Builds a message with the namespace and version filled in. */
export const message = <M extends Message>(type: M['type'], body: Body<M>): M =>
  ({ ns: NAMESPACE, v: PROTOCOL_VERSION, type, ...body }) as M;
