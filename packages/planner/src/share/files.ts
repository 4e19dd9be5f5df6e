import { base64 } from './symbols.ts';

/** A file name from the project's name: letters, digits, spaces, `-` and `_` only. */
export function fileName(projectName: string, extension: string): string {
  const base = projectName
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'room-plan'}.${extension}`;
}

/** Saves `blob` as a download (the iframe is not sandboxed against downloads). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The PNG's size: 2 px per cm of room, at most 4 000 px on its longer side. */
export function pngSize(viewBox: { width: number; height: number }): { width: number; height: number } {
  const k = Math.min(2, 4000 / Math.max(viewBox.width, viewBox.height));
  return { width: Math.round(viewBox.width * k), height: Math.round(viewBox.height * k) };
}

/**
 * Draws an SVG document into a canvas of `size` and encodes it as PNG. The image is a `data:`
 * URI, not a `blob:` one: the planner page's CSP lets images come from `data:` only.
 */
export async function rasterise(svg: string, size: { width: number; height: number }): Promise<Blob> {
  const img = new Image(size.width, size.height);
  img.src = `data:image/svg+xml;base64,${base64(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No canvas in this browser.');
  ctx.drawImage(img, 0, 0, size.width, size.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'),
  );
}
