import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that start processes, crash them or send thousands of requests (faults, fuzz and
 * timing, the CLI) take minutes where the others take seconds. Started last, one of them
 * would run alone on one worker at the end while the other waits; started first, the short
 * files fill the other worker around them. Vitest orders by the last run's durations when it
 * has them, but a clean checkout (CI) has none, and then orders by file size.
 */
const SLOW = /\/src\/(?:faults|http\/fuzz|cli)\//;

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => SLOW.test(f.moduleId)), ...sorted.filter((f) => !SLOW.test(f.moduleId))];
  }
}
