import type { CatalogIndex, PlacedItem } from '../editor/design.ts';

/** Base64 of a string's UTF-8 bytes (`btoa` takes Latin-1 only), in slices the call stack can take. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The symbols of the placed pieces as `data:` URIs, by `symbol_url`, for an export that must
 * stand alone (an SVG opened elsewhere, or drawn into a canvas, loads nothing from outside).
 * A symbol that cannot be fetched is left out: the piece is drawn as its outline.
 */
export async function loadSymbols(
  items: readonly PlacedItem[],
  catalog: CatalogIndex,
  resolve: (relative: string) => string,
): Promise<Map<string, string>> {
  const urls = new Set(items.flatMap((i) => catalog.get(i.catalog_id)?.symbol_url ?? []));
  const out = new Map<string, string>();
  await Promise.all(
    [...urls].map(async (relative) => {
      try {
        const response = await fetch(resolve(relative));
        const text = response.ok ? await response.text() : '';
        if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(text))
          out.set(relative, `data:image/svg+xml;base64,${base64(text)}`);
      } catch {
        // Drawn as its outline.
      }
    }),
  );
  return out;
}
