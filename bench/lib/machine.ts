import { cpus, loadavg } from 'node:os';

/** What the figures were measured on: they mean little without the machine's load. */
export interface Machine {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  loadBefore: number[];
  loadAfter?: number[];
}

export const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);

export function machine(): Machine {
  const cores = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    loadBefore: load(),
  };
}
