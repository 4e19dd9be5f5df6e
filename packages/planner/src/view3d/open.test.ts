// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDesign } from '../editor/design.ts';
import { view3dText, webglUnavailableText } from '../text/view3d-text.ts';
import { open3d } from './open.ts';
import { WEBGL_UNAVAILABLE, webglAvailable } from './webgl.ts';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the 3D view without WebGL', () => {
  it('says so politely and does not open', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    expect(webglAvailable()).toBe(false);
    await expect(open3d()).resolves.toEqual({ ok: false, code: 'webgl_unavailable' });
    expect(webglUnavailableText()).toBe(WEBGL_UNAVAILABLE);
    expect(WEBGL_UNAVAILABLE).toMatch(/^Sorry, .*stays in 2D\.$/);
  });

  it('counts a context that throws as none', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => {
      throw new Error('blocked');
    });
    expect(webglAvailable()).toBe(false);
  });

  it('gives a context it got back at once', () => {
    const loseContext = vi.fn();
    const gl = { getExtension: (name: string) => (name === 'WEBGL_lose_context' ? { loseContext } : null) };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      gl as unknown as WebGL2RenderingContext,
    );
    expect(webglAvailable()).toBe(true);
    expect(loseContext).toHaveBeenCalledOnce();
  });

  it('the view, should its renderer fail to start, asks to go back to 2D', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    await import('./planner-view3d.ts');
    const el = document.createElement('planner-view3d');
    el.design = emptyDesign();
    el.text = view3dText();
    const unavailable = new Promise<Error>((resolve) =>
      el.addEventListener('planner-view3d-unavailable', (e) => resolve((e as CustomEvent<Error>).detail)),
    );
    document.body.append(el);
    const error = await unavailable;
    expect(error).toMatchObject({ code: 'webgl_unavailable', message: webglUnavailableText() });
    expect(el.renderer).toBeUndefined();
    el.remove();
  });
});
