import type { CatalogQuery } from '@planner/api-client';
import type { Catalog, CatalogItem } from '../editor/design.ts';

/**
 * The catalog list's arithmetic and its server pages, apart from the element: rows sit at
 * fixed heights, so which rows are in view follows from the scroll position alone, and only
 * the pages those rows need are asked of the server.
 */

/** Every card is this tall (px), plus the gap: rows are placed by arithmetic, never measured. */
export const CARD = 110;
export const GAP = 8;
export const ROW = CARD + GAP;
/** An open card's details add this much (fixed; longer text scrolls inside). */
export const DETAILS = 128;
/** Rows rendered beyond the visible ones, either side: scrolling and Tab stay smooth. */
export const OVERSCAN = 24;
/** Items asked of the server at a time. */
export const PAGE = 50;

/** The rows to render, [start, end): those in view and OVERSCAN either side. */
export function rowWindow(scrollTop: number, viewport: number, count: number): [number, number] {
  const first = Math.floor(Math.max(0, scrollTop) / ROW);
  const visible = Math.ceil(Math.max(0, viewport) / ROW) + 1;
  return [Math.min(count, Math.max(0, first - OVERSCAN)), Math.min(count, first + visible + OVERSCAN)];
}

/** Where row `i` starts, with the open row's details pushing the rest down. */
export const rowTop = (i: number, open: number) => i * ROW + (open !== -1 && i > open ? DETAILS : 0);

/** One search's results, by index, filled a page at a time. */
export interface Results {
  key: string;
  total: number | null;
  items: (CatalogItem | undefined)[];
  pages: ReadonlySet<number>;
  error: string | null;
}

export const emptyResults = (key: string): Results => ({
  key,
  total: null,
  items: [],
  pages: new Set(),
  error: null,
});

/** The pages rows [start, end) need that are neither loaded nor asked for yet. */
export function missingPages(results: Results, start: number, end: number): number[] {
  const pages: number[] = [];
  for (let page = Math.floor(start / PAGE); page * PAGE < Math.max(end, 1); page++) {
    if (!results.pages.has(page)) pages.push(page);
  }
  return pages;
}

export const pageQuery = (page: number, words: string, category: string | null): CatalogQuery => ({
  ...(words ? { q: words } : {}),
  ...(category ? { category } : {}),
  offset: page * PAGE,
  limit: PAGE,
});

/** The results with one page's answer in place. */
export function withPage(results: Results, answer: Catalog): Results {
  const items = [...results.items];
  answer.items.forEach((item, i) => {
    items[answer.offset + i] = item;
  });
  return { ...results, total: answer.total, items };
}
