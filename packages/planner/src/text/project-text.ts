/**
 * The words the workspace puts into a project itself, rather than into a notice: the undo
 * step of loading the saved version, and the suffix of a copy's name. Each is a `msg()`,
 * called when used, so it is in the language of that moment.
 */
import { msg } from '@lit/localize';

/** The undo step that loading the platform's version after a conflict adds. */
export const loadSavedVersionLabel = (): string => msg('Load saved version');

/** Appended to a project's name when it is saved as a copy (with its leading space). */
export const copySuffix = (): string => msg(' (copy)');
