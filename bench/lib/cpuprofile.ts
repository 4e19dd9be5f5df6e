import { readFile } from 'node:fs/promises';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (and per package), from a `node --cpu-prof` file: where the time goes. */
export async function topSelfTime(file: string, top = 25): Promise<{ fn: string; pct: number }[][]> {
  const p = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byPkg = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const n = byId.get(id)!;
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const short = url
      .replace(/.*node_modules\/\.pnpm\/([^/]+)\/.*/, '$1')
      .replace(/.*\/packages\//, 'packages/');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${short}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const pkg = url
      ? (url.match(/node_modules\/\.pnpm\/([^/]+)\//)?.[1] ??
        (url.includes('/packages/') ? 'planner' : url.startsWith('node:') ? 'node:internal' : url))
      : n.callFrame.functionName;
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + dt);
  });
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, t]) => ({ fn, pct: Math.round((t / total) * 1000) / 10 }));
  return [rank(self), rank(byPkg)];
}
