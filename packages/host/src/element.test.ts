import { message } from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlannerEmbedElement } from './element.ts';
import { type FakeIframe, installFakeDom, jwt } from './testing/fakeDom.ts';

const ORIGIN = 'https://planner.example';

/** The part of HTMLElement the custom element relies on; the test plays the parser. */
class FakeHTMLElement extends EventTarget {
  isConnected = false;
  readonly appended: unknown[] = [];
  readonly attrs = new Map<string, string>();
  getAttribute(name: string) {
    return this.attrs.get(name) ?? null;
  }
  hasAttribute(name: string) {
    return this.attrs.has(name);
  }
  setAttribute(name: string, value: string) {
    this.attrs.set(name, value);
    (this as unknown as PlannerEmbedElement).attributeChangedCallback();
  }
  append(child: unknown) {
    this.appended.push(child);
  }
}

let dom: ReturnType<typeof installFakeDom>;
let registry: Map<string, CustomElementConstructor>;
beforeEach(() => {
  dom = installFakeDom();
  registry = new Map();
  vi.stubGlobal('HTMLElement', FakeHTMLElement);
  vi.stubGlobal('customElements', {
    get: (name: string) => registry.get(name),
    define: vi.fn((name: string, definition: CustomElementConstructor) => {
      if (registry.has(name)) throw new DOMException('already defined', 'NotSupportedError');
      registry.set(name, definition);
    }),
  });
  vi.resetModules();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function createElement() {
  await import('./element.ts');
  const Element = registry.get('planner-embed') as unknown as new () => PlannerEmbedElement & FakeHTMLElement;
  return new Element();
}
const connect = (element: PlannerEmbedElement & FakeHTMLElement) => {
  element.isConnected = true;
  element.connectedCallback();
};

describe('<planner-embed>', () => {
  it('registers once, even when the SDK is loaded twice', async () => {
    await import('./element.ts');
    vi.resetModules();
    await import('./element.ts');

    expect(customElements.define).toHaveBeenCalledTimes(1);
    expect(registry.has('planner-embed')).toBe(true);
  });

  it('embeds once it is connected and has both src and token', async () => {
    const element = await createElement();
    element.setAttribute('src', `${ORIGIN}/`);
    connect(element);
    expect(element.planner).toBeUndefined();

    element.token = async () => jwt('legal_entity');

    expect(element.planner).toBeDefined();
    expect(element.appended).toEqual([element.planner?.iframe]);
  });

  it('takes over a token set before the element was defined (a script-tag host)', async () => {
    const element = await createElement();
    element.setAttribute('src', `${ORIGIN}/`);
    // What an element created before `customElements.define` carries: a plain own property.
    Object.defineProperty(element, 'token', {
      value: async () => jwt('legal_entity'),
      writable: true,
      configurable: true,
      enumerable: true,
    });
    connect(element);

    expect(element.planner).toBeDefined();
    expect(Object.hasOwn(element, 'token')).toBe(false);
    expect(typeof element.token).toBe('function');
  });

  it('fires the SDK events as planner-* DOM events', async () => {
    const element = await createElement();
    element.setAttribute('src', `${ORIGIN}/`);
    element.token = async () => jwt('legal_entity');
    connect(element);
    const iframe = element.planner?.iframe as unknown as FakeIframe;
    const seen = vi.fn();
    element.addEventListener('planner-loginrequired', (event) => seen((event as CustomEvent).detail));

    dom.deliver(iframe.contentWindow, ORIGIN, message('Ready', { planner: '0.1.0' }));
    await element.planner?.ready;
    dom.deliver(iframe.contentWindow, ORIGIN, message('LoginRequired', { reason: 'save' }));

    expect(seen).toHaveBeenCalledWith({ reason: 'save' });
  });

  it('hands the traffic to its trace property, read on every message', async () => {
    const element = await createElement();
    element.setAttribute('src', `${ORIGIN}/`);
    element.token = async () => jwt('legal_entity');
    connect(element);
    const iframe = element.planner?.iframe as unknown as FakeIframe;
    const ready = message('Ready', { planner: '0.1.0' });

    dom.deliver(iframe.contentWindow, ORIGIN, ready); // no trace yet: nothing breaks
    await element.planner?.ready;
    const trace = vi.fn();
    element.trace = trace; // a developer panel attaching later
    dom.deliver(iframe.contentWindow, ORIGIN, message('LoginRequired', { reason: 'save' }));

    expect(trace).toHaveBeenCalledWith('in', message('LoginRequired', { reason: 'save' }));
  });

  it('destroys the planner when removed, and starts over on a new src', async () => {
    const element = await createElement();
    element.setAttribute('src', `${ORIGIN}/`);
    element.token = async () => jwt('legal_entity');
    connect(element);
    const first = element.planner;
    const firstIframe = first!.iframe as unknown as FakeIframe;

    element.setAttribute('src', 'https://other-planner.example/');
    expect(firstIframe.remove).toHaveBeenCalled();
    expect(element.planner).not.toBe(first);
    const second = element.planner!.iframe as unknown as FakeIframe;
    expect(second.src).toBe('https://other-planner.example/#planner-host-listens');

    element.isConnected = false;
    element.disconnectedCallback();
    expect(second.remove).toHaveBeenCalled();
    expect(element.planner).toBeUndefined();
    expect(dom.listeners.size).toBe(0);
  });

  it('keeps the planner when the token provider is replaced, and uses the new one', async () => {
    const element = await createElement();
    element.setAttribute('src', `${ORIGIN}/`);
    element.token = async () => jwt('legal_entity');
    connect(element);
    const planner = element.planner;
    const iframe = planner?.iframe as unknown as FakeIframe;
    const replacement = vi.fn(async () => jwt('user'));

    element.token = replacement;
    dom.deliver(iframe.contentWindow, ORIGIN, message('Ready', { planner: '0.1.0' }));
    await planner?.ready;

    expect(element.planner).toBe(planner);
    expect(replacement).toHaveBeenCalledTimes(1);
  });
});
