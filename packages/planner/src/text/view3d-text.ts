/**
 * The 3D view's words that the first paint needs: why it cannot open. (The view's own labels
 * and help load with it, in `view3d/planner-view3d.ts`.) A `msg()`, called when shown.
 */
import { msg } from '@lit/localize';

/** This browser cannot draw the 3D view (no WebGL, or a context it refused or lost). */
export const webglUnavailableText = (): string =>
  msg('Sorry, the 3D view needs WebGL, which this browser has turned off. The plan stays in 2D.');
