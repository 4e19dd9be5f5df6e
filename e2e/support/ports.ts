/** Fixed 127.0.0.1 ports of the browser-test stack (apart from `pnpm start`'s 4000/5173/5174). */
export const PORTS = {
  platform: 4100,
  planner: 5274,
  shop: 5273,
  /** A second host website, registered as an embed origin of the "Fixture Shop". */
  fixtures: 5275,
  /** The same fixture pages from an origin nobody registered. */
  stranger: 5276,
} as const;

export const url = (port: number) => `http://127.0.0.1:${port}`;
