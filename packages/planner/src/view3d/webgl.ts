/**
 * Whether this browser can draw the 3D view: a WebGL context on a throw-away canvas. Kept
 * apart from three.js so the planner can ask before it downloads the 3D chunk.
 */
export function webglAvailable(doc: Document = document): boolean {
  try {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return false;
    // Give the context back at once: browsers cap how many may be alive.
    (gl as WebGLRenderingContext).getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether WebGL runs on a software rasteriser (SwiftShader, llvmpipe): there every pixel is
 * CPU work, so the view draws without multisampling and at one pixel per CSS pixel.
 */
export function softwareRendering(gl: WebGLRenderingContext | WebGL2RenderingContext): boolean {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return /swiftshader|llvmpipe|softpipe|software/i.test(name);
}

/** The error's message, for developers; people read `webglUnavailableText()` (text/view3d-text.ts). */
export const WEBGL_UNAVAILABLE =
  'Sorry, the 3D view needs WebGL, which this browser has turned off. The plan stays in 2D.';

/** Thrown when the renderer cannot start even though the check passed (a lost or refused context). */
export class WebglUnavailableError extends Error {
  readonly code = 'webgl_unavailable';
  constructor(cause?: unknown) {
    super(WEBGL_UNAVAILABLE, { cause });
    this.name = 'WebglUnavailableError';
  }
}
