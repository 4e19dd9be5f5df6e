/**
 * Everything the planner needs only after its first paint, as one lazy chunk: the banners
 * (there is rarely one at start), the inbox (its count arrives later anyway), the dialogs and
 * the project flows that use them (only a click or the host starts one), the room bar, the inspector
 * (until a piece is selected it shows only a hint; Lit keeps the properties planner-app sets
 * on it before it is defined), the
 * plan's gestures and keys (plan/interaction.ts, loaded by planner-canvas) and the warnings'
 * code (warnings-loader.ts), sharing (share/: SVG and PNG export, the print view, Copy link),
 * and the reducer of the actions only these make (later-reducer.ts).
 * `planner-app` loads it right after the first paint, so a flow that needs a dialog, or a
 * notice shown when the network has gone, finds it already there.
 *
 * It also carries the retailer's parts (`src/retail/`: the shopping list, the basket and
 * analytics senders, the host's theme), which `main.ts` and `app.ts` import from here: one
 * lazy chunk, because two would make the bundler split what they share with the entry (Lit)
 * into a third chunk that the first paint then loads too.
 */
import '@planner/ui/confirm-dialog';
import './planner-inbox.ts';
import './planner-inspector.ts';
import './planner-notices.ts';
import './planner-projects-dialog.ts';
import './planner-session-status.ts';
import './planner-room-bar.ts';
import '../share/planner-share.ts';
import { setLaterReducer } from './action-reducer.ts';
import { reduceLater } from './later-reducer.ts';

// The room bar's and multi-select's actions come only from what loads here: so do their rules.
setLaterReducer(reduceLater);

export { computeWarnings, moveWarnings } from '../editor/warnings.ts';
export * from '../retail/index.ts';
export * from './plan/interaction.ts';
export { variantPaint } from './plan/variant-paint.ts';
export { ProjectFlowsController } from './project-flows-controller.ts';
