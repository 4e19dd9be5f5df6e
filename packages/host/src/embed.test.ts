import { message } from '@planner/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type EmbedOptions, embedPlanner, type PlannerEmbed } from './embed.ts';
import { type FakeIframe, fakeIframe, installFakeDom, jwt, settle } from './testing/fakeDom.ts';

const URL = 'https://planner.example/app/?lang=en';
const ORIGIN = 'https://planner.example';
const ready = message('Ready', { planner: '0.1.0' });

let dom: ReturnType<typeof installFakeDom>;
let embeds: PlannerEmbed[] = [];
beforeEach(() => {
  dom = installFakeDom();
});
afterEach(() => {
  for (const embed of embeds) embed.destroy();
  embeds = [];
  vi.unstubAllGlobals();
});

const container = () => ({ append: vi.fn() });
const embed = (options: Partial<EmbedOptions>) => {
  const created = embedPlanner({
    url: URL,
    token: async () => jwt('legal_entity'),
    ...options,
  } as EmbedOptions);
  embeds.push(created);
  return created;
};
const iframeOf = (planner: PlannerEmbed) => planner.iframe as unknown as FakeIframe;

/** What the host posted to a planner iframe, by message type. */
const posted = (iframe: FakeIframe) =>
  (iframe.contentWindow?.postMessage.mock.calls ?? []).map(([sent]) => (sent as { type: string }).type);

describe('embedPlanner options', () => {
  it.each([
    ['a URL that does not parse', { url: 'planner.example' }],
    ['an opaque origin', { url: 'data:text/html,<p>hi' }],
    ['neither container nor iframe', { container: undefined }],
    ['both container and iframe', { iframe: fakeIframe() as unknown as HTMLIFrameElement }],
    ['a token that is not a provider', { token: 'eyJ.eyJ.sig' as unknown as () => Promise<string> }],
  ])('throws INVALID_OPTIONS for %s', (_case, override) => {
    expect(() =>
      embedPlanner({
        url: URL,
        container: container() as unknown as Element,
        token: async () => '',
        ...override,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', name: 'EmbedError' }));
    expect(dom.listeners.size).toBe(0);
  });
});

describe('embedPlanner share link', () => {
  const settingsPosted = async (options: Partial<EmbedOptions>) => {
    const planner = embed({ container: container() as unknown as Element, ...options });
    const iframe = iframeOf(planner);
    dom.deliver(iframe.contentWindow, ORIGIN, ready);
    await planner.ready;
    return { iframe, calls: (iframe.contentWindow?.postMessage.mock.calls ?? []).map(([sent]) => sent) };
  };

  it("sends this page's address without its hash, and lets the frame write the clipboard", async () => {
    const { iframe, calls } = await settingsPosted({});
    expect(calls).toContainEqual(message('Settings', { link: 'https://shop.example/planner?room=1' }));
    expect(iframe.allow).toBe('clipboard-write');
  });

  it('sends the link it is given instead', async () => {
    const { calls } = await settingsPosted({ link: 'https://shop.example/rooms', locale: 'de' });
    expect(calls).toContainEqual(message('Settings', { locale: 'de', link: 'https://shop.example/rooms' }));
  });

  it("sends the shopper's name, and a new one or '' through configure()", async () => {
    const planner = embed({ container: container() as unknown as Element, shopper: 'Ada' });
    const iframe = iframeOf(planner);
    dom.deliver(iframe.contentWindow, ORIGIN, ready);
    await planner.ready;
    await planner.configure({ shopper: '' });
    const sent = (iframe.contentWindow?.postMessage.mock.calls ?? []).map(([m]) => m as { type: string });
    const settings = sent.filter((m) => m.type === 'Settings');
    expect(settings).toEqual([
      message('Settings', { link: 'https://shop.example/planner?room=1', shopper: 'Ada' }),
      message('Settings', { link: 'https://shop.example/planner?room=1', shopper: '' }),
    ]);
    await expect(planner.configure({ shopper: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
  });

  it.each([['javascript:alert(1)'], ['/rooms'], [`https://shop.example/${'x'.repeat(2000)}`]])(
    'throws INVALID_OPTIONS for the link %j',
    (link) => {
      expect(() => embed({ container: container() as unknown as Element, link })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS' }),
      );
    },
  );
});

describe('embedPlanner iframe', () => {
  it('creates the iframe in the container, and removes it on destroy', () => {
    const box = container();
    const planner = embed({ container: box as unknown as Element });
    const iframe = iframeOf(planner);

    expect(box.append).toHaveBeenCalledWith(iframe);
    // Listening before it loads, it tells the planner so: one Ready is enough.
    expect(iframe.src).toBe(`${URL}#planner-host-listens`);
    expect(iframe.title).not.toBe('');

    planner.destroy();
    expect(iframe.remove).toHaveBeenCalled();
    expect(dom.listeners.size).toBe(0);
  });

  it('adopts an iframe, keeps the src it has, and leaves it in place on destroy', () => {
    const existing = fakeIframe('https://planner.example/other');
    const planner = embed({ iframe: existing as unknown as HTMLIFrameElement });

    expect(planner.iframe).toBe(existing);
    expect(existing.src).toBe('https://planner.example/other');
    planner.destroy();
    expect(existing.remove).not.toHaveBeenCalled();
  });

  it('gives an adopted iframe without src the planner URL', () => {
    const blank = fakeIframe();
    embed({ iframe: blank as unknown as HTMLIFrameElement });

    expect(blank.src).toBe(`${URL}#planner-host-listens`);
  });

  it('keeps a fragment of the host’s own in the planner URL', () => {
    const planner = embed({ container: container() as unknown as Element, url: `${URL}#room-7` });
    expect(iframeOf(planner).src).toBe(`${URL}#room-7&planner-host-listens`);
  });
});

describe('embedPlanner in a page', () => {
  it('hands the token over, to the planner origin only', async () => {
    const token = jwt('legal_entity');
    const planner = embed({ container: container() as unknown as Element, token: async () => token });
    const iframe = iframeOf(planner);

    dom.deliver(iframe.contentWindow, ORIGIN, ready);
    await planner.ready;

    const calls = iframe.contentWindow?.postMessage.mock.calls ?? [];
    expect(calls.map(([sent]) => sent.type)).toEqual(['Authentication', 'Settings', 'Connect']);
    expect(calls.every(([, origin]) => origin === ORIGIN)).toBe(true);
    expect(calls[2]?.[2]).toHaveLength(2);
  });

  it('traces what it posts and what it accepts, never what it ignores', async () => {
    const token = jwt('legal_entity');
    const trace = vi.fn();
    const planner = embed({ container: container() as unknown as Element, token: async () => token, trace });
    const iframe = iframeOf(planner);

    dom.deliver(fakeIframe().contentWindow, ORIGIN, ready); // another window
    dom.deliver(iframe.contentWindow, 'https://evil.example', ready); // another origin
    dom.deliver(iframe.contentWindow, ORIGIN, { ...ready, v: 2 }); // invalid
    expect(trace).not.toHaveBeenCalled();

    dom.deliver(iframe.contentWindow, ORIGIN, ready);
    await planner.ready;

    expect(trace.mock.calls).toEqual([
      ['in', ready],
      ['out', { ns: 'planner', v: 1, type: 'Authentication', token }],
      ['out', { ns: 'planner', v: 1, type: 'Settings', link: 'https://shop.example/planner?room=1' }],
      ['out', { ns: 'planner', v: 1, type: 'Connect' }],
    ]);
  });

  it('keeps two planners on one page apart', async () => {
    const first = embed({
      container: container() as unknown as Element,
      token: vi.fn(async () => jwt('user')),
    });
    const secondToken = vi.fn(async () => jwt('legal_entity'));
    const second = embed({ container: container() as unknown as Element, token: secondToken });

    dom.deliver(iframeOf(first).contentWindow, ORIGIN, ready);
    await first.ready;
    await settle();

    expect(posted(iframeOf(first))).toEqual(['Login', 'Settings', 'Connect']);
    expect(posted(iframeOf(second))).toEqual([]);
    expect(secondToken).not.toHaveBeenCalled();
  });

  it('sizes the iframe from resize events when autoResize is on', async () => {
    const planner = embed({ container: container() as unknown as Element, autoResize: true });
    const iframe = iframeOf(planner);
    dom.deliver(iframe.contentWindow, ORIGIN, ready);
    await planner.ready;
    const [, events] = iframe.contentWindow!.postMessage.mock.calls[2]![2] as MessagePort[];

    events?.postMessage({ type: 'resize', height: 640 });
    await vi.waitFor(() => expect(iframe.style.height).toBe('640px'));
  });

  it('removes its resize listener on destroy, even from an events target that lives on', () => {
    const target = new EventTarget();
    const planner = embed({ container: container() as unknown as Element, autoResize: true, events: target });
    const iframe = iframeOf(planner);
    const resize = (height: number) =>
      target.dispatchEvent(new CustomEvent('planner-resize', { detail: { height } }));

    resize(100);
    expect(iframe.style.height).toBe('100px');
    planner.destroy();
    resize(200);

    expect(iframe.style.height).toBe('100px');
  });

  it('leaves the iframe height alone without autoResize', async () => {
    const planner = embed({ container: container() as unknown as Element });
    const iframe = iframeOf(planner);
    const resized = vi.fn();
    planner.on('resize', resized);
    dom.deliver(iframe.contentWindow, ORIGIN, ready);
    await planner.ready;
    const [, events] = iframe.contentWindow!.postMessage.mock.calls[2]![2] as MessagePort[];

    events?.postMessage({ type: 'resize', height: 640 });
    await vi.waitFor(() => expect(resized).toHaveBeenCalled());
    expect(iframe.style.height).toBe('');
  });
});
