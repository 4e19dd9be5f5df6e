import type { Chart, Row, Table } from './report.ts';

/** What a module is given: `smoke` runs it with tiny counts (the test that keeps it from rotting). */
export interface BenchContext {
  smoke: boolean;
  log: (message: string) => void;
}

export interface BenchResult {
  rows: Row[];
  tables?: Table[];
  charts?: Chart[];
  notes?: string[];
}

export interface BenchModule {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
