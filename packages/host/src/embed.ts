import { HOST_LISTENS_FRAGMENT } from '@planner/protocol';
import { type ConnectOptions, connect, type PlannerConnection, validSettings } from './connect.ts';
import { EmbedError } from './errors.ts';
import { windowMessenger } from './messenger.ts';

export interface EmbedOptions extends ConnectOptions {
  /** The planner's URL. Its origin is the only one we post to and accept messages from. */
  url: string;
  /** An element to create the planner's iframe in (removed again by `destroy()`)… */
  container?: Element | undefined;
  /** …or an existing iframe to adopt (left in place by `destroy()`). Exactly one of the two. */
  iframe?: HTMLIFrameElement | undefined;
  /** Set the iframe's height to the planner's content height (the `resize` event). */
  autoResize?: boolean | undefined;
}

export interface PlannerEmbed extends PlannerConnection {
  /** The planner's iframe, created or adopted. */
  readonly iframe: HTMLIFrameElement;
}

/**
 * Embeds the planner in a cross-origin iframe, hands it tokens from `options.token` and, once
 * the handshake is done, gives typed access to it. The page's address (or `options.link`) goes
 * with the settings, for the planner's "Copy link"; a created iframe may write the clipboard. Throws `INVALID_OPTIONS` synchronously,
 * also for a `theme` or `locale` the protocol does not allow.
 */
export function embedPlanner(options: EmbedOptions): PlannerEmbed {
  const { url, container, iframe: adopted } = options;
  let origin: string | undefined;
  try {
    origin = new URL(url).origin;
  } catch {}
  // `null` is the opaque origin of data:, blob: and friends: nothing we could ever post to.
  if (
    !origin ||
    origin === 'null' ||
    !container === !adopted ||
    typeof options.token !== 'function' ||
    !validSettings(options)
  ) {
    throw new EmbedError('INVALID_OPTIONS');
  }
  const iframe = adopted ?? document.createElement('iframe');
  if (container) {
    iframe.title = 'Room planner';
    // "Copy link" writes the project's link to the clipboard from inside the frame.
    iframe.allow = 'clipboard-write';
    iframe.style.cssText = 'border:0;width:100%';
    iframe.src = listening(url);
    container.append(iframe);
  } else {
    // A frame that already has an address may have said its first `Ready` before we listened.
    iframe.src ||= listening(url);
  }
  const connection = connect(windowMessenger(iframe, origin, options.debug), {
    ...options,
    link: options.link ?? location.href.split('#')[0],
  });
  // Removed on destroy(): the events target may be an element that outlives this embed.
  const stopResizing = options.autoResize
    ? connection.on('resize', ({ detail }) => {
        iframe.style.height = `${detail.height}px`;
      })
    : undefined;
  return {
    ...connection,
    iframe,
    destroy() {
      connection.destroy();
      stopResizing?.();
      if (container) iframe.remove();
    },
  };
}

/**
 * The planner's URL with `HOST_LISTENS_FRAGMENT` in its fragment: the frame loads only after
 * `connect` below is listening, so its first `Ready` is heard and needs no repeating.
 */
function listening(url: string): string {
  const address = new URL(url);
  const own = address.hash.slice(1);
  address.hash = own ? `${own}&${HOST_LISTENS_FRAGMENT}` : HOST_LISTENS_FRAGMENT;
  return address.href;
}
