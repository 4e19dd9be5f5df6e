// @vitest-environment happy-dom
import { afterAll, describe, expect, it } from 'vitest';
import { UNTITLED } from '../draft/draft.ts';
import { setLanguage } from '../i18n/localization.ts';
import { shownProjectName } from './project-text.ts';

afterAll(() => setLanguage('en'));

describe('shownProjectName', () => {
  it('shows the unnamed project’s name in the language of the moment, and any other name as typed', async () => {
    expect(shownProjectName(UNTITLED)).toBe('Untitled room');
    await setLanguage('de');
    expect(shownProjectName(UNTITLED)).toBe('Unbenannter Raum');
    expect(shownProjectName('Wohnzimmer')).toBe('Wohnzimmer');
    await setLanguage('fr');
    expect(shownProjectName(UNTITLED)).toBe('Pièce sans titre');
    // The stored name stays the language-neutral one: only what is shown changes.
    expect(UNTITLED).toBe('Untitled room');
  });
});
