import type { BenchModule } from '../lib/module.ts';
import { growth } from './growth.ts';
import { guard } from './guard.ts';
import { handshake } from './handshake.ts';
import { iframe } from './iframe.ts';
import { issuance } from './issuance.ts';
import { oauth } from './oauth.ts';
import { planner } from './planner.ts';
import { save } from './save.ts';
import { sizes } from './sizes.ts';

/** Every benchmark, in the order `pnpm bench` runs them. */
export const MODULES: BenchModule[] = [
  sizes,
  guard,
  issuance,
  oauth,
  save,
  iframe,
  handshake,
  planner,
  growth,
];
