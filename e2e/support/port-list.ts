/** The ports of the browser-test stack as PLANNER_E2E_PORTS spells them (no side effects: the config imports it). */
export interface StackPorts {
  platform: number;
  planner: number;
  shop: number;
  /** A second host website, registered as an embed origin of the "Fixture Shop". */
  fixtures: number;
  /** The same fixture pages from an origin nobody registered. */
  stranger: number;
}

export const PORT_NAMES = ['platform', 'planner', 'shop', 'fixtures', 'stranger'] as const;

/** `platform=4100,planner=5274,…` (what PLANNER_E2E_PORTS holds) into ports; throws on anything else. */
export function parsePorts(text: string): StackPorts {
  const entries = new Map(text.split(',').map((pair) => pair.trim().split('=') as [string, string]));
  const ports = {} as Record<(typeof PORT_NAMES)[number], number>;
  for (const name of PORT_NAMES) {
    const port = Number(entries.get(name));
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new Error(
        `PLANNER_E2E_PORTS needs ${PORT_NAMES.map((n) => `${n}=<port>`).join(',')}; got "${text}"`,
      );
    }
    ports[name] = port;
  }
  return ports;
}

export const formatPorts = (ports: StackPorts) =>
  PORT_NAMES.map((name) => `${name}=${ports[name]}`).join(',');
