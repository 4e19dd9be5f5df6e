/**
 * The link "Copy link" copies: the host page that opens shared projects (the protocol's
 * `Settings.link`, which the SDK fills with the host page's address) with
 * `planner-project=<id>` set. The host page opens that project when loaded with it.
 */
export const PROJECT_PARAM = 'planner-project';

let hostLink: string | undefined;

/** Keeps the host's link (validated by the protocol: an absolute http(s) URL). */
export function setHostLink(link: string | undefined): void {
  if (link) hostLink = link;
}

/**
 * The shared link for a saved project, or null when there is no page to point to: the host
 * sent none, and the page that embeds us did not show its address (`document.referrer`).
 */
export function projectLink(
  id: string,
  base: string | undefined = hostLink ?? document.referrer,
): string | null {
  let url: URL;
  try {
    url = new URL(base ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.searchParams.set(PROJECT_PARAM, id);
  url.hash = '';
  return url.href;
}
