import { webglAvailable } from './webgl.ts';

/**
 * Whether the view can open; if not, why, as a code (the UI words it: `text/view3d-text.ts`,
 * which the first paint has, so this chunk carries no sentence).
 */
export type Open3d = { ok: true } | { ok: false; code: 'webgl_unavailable' };

/**
 * Gets the 3D view ready: asks for WebGL first (a few bytes), then loads the 3D chunk
 * (three.js and `planner-view3d`), so a browser without WebGL never downloads it.
 */
export async function open3d(doc: Document = document): Promise<Open3d> {
  if (!webglAvailable(doc)) return { ok: false, code: 'webgl_unavailable' };
  await import('./planner-view3d.ts');
  return { ok: true };
}
