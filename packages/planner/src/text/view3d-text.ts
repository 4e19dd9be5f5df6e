/**
 * The 3D view's words. They sit in the first paint (a few hundred bytes), and `planner-app`
 * hands them to the view as its `text`: a 3D chunk that imports @lit/localize, even through
 * a module of the entry, makes Rolldown split Lit and the localize runtime out of the entry
 * (`scripts/size.mjs` fails then). Each is a `msg()`, called when the app renders.
 */
import { msg, str } from '@lit/localize';
import { itemName } from '../editor/describe.ts';
import type { CatalogItem } from '../editor/design.ts';

/** This browser cannot draw the 3D view (no WebGL, or a context it refused or lost). */
export const webglUnavailableText = (): string =>
  msg('Sorry, the 3D view needs WebGL, which this browser has turned off. The plan stays in 2D.');

export interface View3dText {
  /** The camera bar's name and its two buttons. */
  bar: string;
  orbit: string;
  walk: string;
  /** What each camera does, shown and announced. */
  orbitHelp: string;
  walkHelp: string;
  /** A piece's name, as the plan says it ("no longer sold" included). */
  item(catalogItem: CatalogItem | undefined): string;
  /** The canvas's name: the room, how many pieces, and which is selected. */
  canvas(count: number, selected: string | null): string;
}

export const view3dText = (): View3dText => ({
  bar: msg('3D camera'),
  orbit: msg('Orbit'),
  walk: msg('Walk through'),
  orbitHelp: msg('Orbit: drag to turn around the room, wheel or + and - to zoom, arrow keys to turn.'),
  walkHelp: msg('Walk-through: W A S D or the arrow keys to walk and turn, drag to look around.'),
  item: itemName,
  canvas(count, selected) {
    const room = count === 1 ? msg('Room in 3D, 1 piece') : msg(str`Room in 3D, ${count} pieces`);
    return selected ? msg(str`${room}, ${selected} selected`) : room;
  },
});
