import { message } from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { windowMessenger } from './messenger.ts';
import { fakeIframe, installFakeDom } from './testing/fakeDom.ts';

const ORIGIN = 'https://planner.example';
const ready = message('Ready', { planner: '0.1.0' });

let dom: ReturnType<typeof installFakeDom>;
beforeEach(() => {
  dom = installFakeDom();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup() {
  const iframe = fakeIframe(`${ORIGIN}/app`);
  const debug = vi.fn();
  const messenger = windowMessenger(iframe as unknown as HTMLIFrameElement, ORIGIN, debug);
  const handler = vi.fn();
  const unlisten = messenger.listen(handler);
  return { iframe, debug, messenger, handler, unlisten };
}

describe('windowMessenger', () => {
  it("posts to the planner's exact origin, never '*', with the transfer list", () => {
    const { iframe, messenger } = setup();
    const { port1, port2 } = new MessageChannel();

    messenger.send(message('Connect', {}), [port1, port2]);

    expect(iframe.contentWindow?.postMessage).toHaveBeenCalledWith(
      { ns: 'planner', v: 1, type: 'Connect' },
      ORIGIN,
      [port1, port2],
    );
    port1.close();
  });

  it("accepts a valid message from the iframe's window at the planner's origin", () => {
    const { iframe, handler } = setup();

    dom.deliver(iframe.contentWindow, ORIGIN, ready);

    expect(handler).toHaveBeenCalledWith(ready);
  });

  it('ignores the same message from another window, even at the same origin', () => {
    const { handler } = setup();
    const otherPlanner = fakeIframe();

    dom.deliver(otherPlanner.contentWindow, ORIGIN, ready);
    dom.deliver(globalThis, ORIGIN, ready);

    expect(handler).not.toHaveBeenCalled();
  });

  it('ignores our iframe once it shows another origin, and tells the debug hook', () => {
    const { iframe, handler, debug } = setup();

    dom.deliver(iframe.contentWindow, 'https://evil.example', ready);
    dom.deliver(iframe.contentWindow, 'https://planner.example:8443', ready);

    expect(handler).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith('foreign', ready);
  });

  it("ignores what fails the protocol's validator, with the reason", () => {
    const { iframe, handler, debug } = setup();

    dom.deliver(iframe.contentWindow, ORIGIN, { ns: 'planner', v: 1, type: 'Login', token: 'a.b.c' });
    dom.deliver(iframe.contentWindow, ORIGIN, { ns: 'planner', v: 2, type: 'Ready', planner: '9' });
    dom.deliver(iframe.contentWindow, ORIGIN, 'Ready');

    expect(handler).not.toHaveBeenCalled();
    expect(debug.mock.calls.map(([reason]) => reason)).toEqual([
      'unknown_type',
      'unknown_version',
      'not_object',
    ]);
  });

  it('accepts nothing for a detached iframe, not even a message with no source', () => {
    const { iframe, handler } = setup();
    iframe.contentWindow = null;

    dom.deliver(null, ORIGIN, ready);

    expect(handler).not.toHaveBeenCalled();
  });

  it('stops listening when unsubscribed', () => {
    const { unlisten } = setup();
    expect(dom.listeners.size).toBe(1);

    unlisten();

    expect(dom.listeners.size).toBe(0);
  });
});
