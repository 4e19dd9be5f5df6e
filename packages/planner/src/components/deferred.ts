/**
 * Everything the planner shows only after its first paint, as one lazy chunk: the banners
 * (there is rarely one at start), the inbox (its count arrives later anyway) and the dialogs.
 * `planner-app` loads it right after the first paint, so a flow that needs a dialog, or a
 * notice shown when the network has gone, finds it already there.
 */
import '@planner/ui/confirm-dialog';
import './planner-inbox.ts';
import './planner-notices.ts';
import './planner-projects-dialog.ts';
