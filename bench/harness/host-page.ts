/**
 * The bench host page's script (bundled by esbuild, served by harness/planner-stack.ts).
 * `?mode=planner` embeds the planner with the host SDK, its token from the host back-end
 * (`&user=<id>` asks for a user token). `?mode=blank` is the handshake's baseline: the host
 * back-end's token first, then the same iframe on the planner's origin showing a blank page
 * that makes one authorized catalog fetch.
 *
 * What happened when, as wall-clock times (`timeOrigin + now()`, comparable with the frame's),
 * is kept in `window.benchHost` for the bench to read.
 */
import { embedPlanner } from '@planner/host';

declare global {
  interface Window {
    benchConfig: { plannerUrl: string; blankUrl: string };
    benchHost: {
      tokenStart: number[];
      tokenEnd: number[];
      trace: { at: number; dir: string; type: string }[];
    };
    embed?: ReturnType<typeof embedPlanner>;
  }
}

const wall = () => performance.timeOrigin + performance.now();
const q = new URLSearchParams(location.search);
const marks: Window['benchHost'] = { tokenStart: [], tokenEnd: [], trace: [] };
window.benchHost = marks;

async function token(): Promise<string> {
  marks.tokenStart.push(wall());
  const user = q.get('user');
  const res = await fetch(`/token${user ? `?user=${encodeURIComponent(user)}` : ''}`, { method: 'POST' });
  const { access_token } = (await res.json()) as { access_token: string };
  marks.tokenEnd.push(wall());
  return access_token;
}

const container = document.getElementById('planner')!;
if (q.get('mode') === 'blank') {
  const t = await token();
  const iframe = document.createElement('iframe');
  iframe.title = 'Room planner';
  iframe.style.cssText = 'border:0;width:100%';
  iframe.src = `${window.benchConfig.blankUrl}#${t}`;
  container.append(iframe);
} else {
  window.embed = embedPlanner({
    url: window.benchConfig.plannerUrl,
    container,
    token,
    autoResize: true,
    trace: (dir, message) => marks.trace.push({ at: wall(), dir, type: message.type }),
  });
}
