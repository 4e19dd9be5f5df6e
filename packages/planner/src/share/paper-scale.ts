/** A4 landscape with 10 mm margins: what a printer can reach, in mm. */
export const A4_LANDSCAPE_MM = { width: 277, height: 190 } as const;

/** The scales architects draw rooms at, largest first. */
const SCALES = [20, 25, 50, 75, 100, 200, 250, 500, 1000] as const;

/**
 * The largest usual scale (1:20 … 1:1000) at which a drawing fits on `paper` (mm). `size`
 * gives the drawing's size in cm at scale 1:n (its labels grow with n, so they print at the
 * same size on paper); at 1:n, 1 cm of room is 10 / n mm.
 */
export function paperScale(
  size: (n: number) => { width: number; height: number },
  paper: { width: number; height: number } = A4_LANDSCAPE_MM,
): number {
  for (const n of SCALES) {
    const s = size(n);
    if ((s.width * 10) / n <= paper.width && (s.height * 10) / n <= paper.height) return n;
  }
  return 1000;
}
