/**
 * Everything the planner needs only after its first paint, as one lazy chunk: the banners
 * (there is rarely one at start), the inbox (its count arrives later anyway), the dialogs and
 * the project flows that use them (only a click or the host starts one).
 * `planner-app` loads it right after the first paint, so a flow that needs a dialog, or a
 * notice shown when the network has gone, finds it already there.
 */
import '@planner/ui/confirm-dialog';
import './planner-inbox.ts';
import './planner-notices.ts';
import './planner-projects-dialog.ts';

export { ProjectFlowsController } from './project-flows-controller.ts';
