import { describe, expect, it } from 'vitest';
import { fileName, pngSize } from './files.ts';

describe('fileName', () => {
  it('keeps letters, digits and spaces of any script, and drops path and markup characters', () => {
    expect(fileName('Wohnzimmer für Öl 2', 'svg')).toBe('Wohnzimmer-für-Öl-2.svg');
    expect(fileName('../../etc/<passwd>', 'png')).toBe('etcpasswd.png');
    expect(fileName('  ', 'svg')).toBe('room-plan.svg');
  });
});

describe('pngSize', () => {
  it('is 2 px per cm, and at most 4 000 px on the longer side', () => {
    expect(pngSize({ width: 600, height: 500 })).toEqual({ width: 1200, height: 1000 });
    expect(pngSize({ width: 5000, height: 2500 })).toEqual({ width: 4000, height: 2000 });
  });
});
