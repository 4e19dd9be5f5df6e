/**
 * The app's own event names and details, apart from the components that send them, so the
 * app can listen without loading those components (the banners load after the first paint).
 */

/** What the header's buttons ask the app to do. */
export type HeaderCommand = 'undo' | 'redo' | 'new' | 'open' | 'save';
export const HEADER_COMMAND_EVENT = 'planner-header-command';
/** The project name typed in the header (detail: the name). */
export const RENAME_EVENT = 'planner-rename';

/** The ways out a notice offers. */
export type NoticeCommand = 'reload-theirs' | 'save-as-copy' | 'retry-save' | 'dismiss' | 'session-retry';
export const NOTICE_COMMAND_EVENT = 'planner-notice-command';
