/**
 * The words the workspace puts into a project itself, rather than into a notice: the undo
 * step of loading the saved version, and the suffix of a copy's name. Each is a `msg()`,
 * called when used, so it is in the language of that moment.
 */
import { msg } from '@lit/localize';
import { UNTITLED } from '../draft/draft.ts';

/** The undo step that loading the platform's version after a conflict adds. */
export const loadSavedVersionLabel = (): string => msg('Load saved version');

/** Appended to a project's name when it is saved as a copy (with its leading space). */
export const copySuffix = (): string => msg(' (copy)');

/**
 * A project's name as the planner shows it. The name a project gets when nobody named it
 * (`UNTITLED`) is stored as data, in English, because a draft is made before the host's
 * locale arrives and a saved project outlives the language it was made in; it is shown in
 * the language of the moment. Every other name is the shopper's own and shown as typed.
 */
export const shownProjectName = (name: string): string => (name === UNTITLED ? msg('Untitled room') : name);
