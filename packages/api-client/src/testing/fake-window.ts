/**
 * Test support: a planner window inside a host page, as far as the bridge sees it. Real
 * browsers deliver messages asynchronously; here `deliver` is synchronous, and `source`,
 * `origin` and `ports` are whatever the test says, so a hostile sender is easy to play.
 */
import type { BridgeWindow, InboundMessage } from '../bridge/bridge.ts';
import { HOST_ORIGIN } from './fake-jwt.ts';

export class FakeParent {
  readonly posted: Array<{ message: Record<string, unknown>; targetOrigin: string }> = [];
  postMessage(message: unknown, targetOrigin: string): void {
    // Structured clone, as the browser does: the test sees what crossed the boundary.
    this.posted.push({ message: structuredClone(message) as Record<string, unknown>, targetOrigin });
  }
  /** Posted messages of a type, with their target origins. */
  sent(type: string) {
    return this.posted.filter((p) => p.message.type === type);
  }
}

export class FakeWindow implements BridgeWindow {
  readonly parent = new FakeParent();
  private readonly listeners = new Set<(event: InboundMessage) => void>();

  addEventListener(_type: 'message', listener: (event: InboundMessage) => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (event: InboundMessage) => void): void {
    this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Delivers a message as if posted by `source` (the parent by default) from `origin`. */
  deliver(
    data: unknown,
    { origin = HOST_ORIGIN, source = this.parent as unknown, ports = [] as MessagePort[] } = {},
  ): void {
    for (const listener of [...this.listeners]) listener({ data, origin, source, ports });
  }
}
