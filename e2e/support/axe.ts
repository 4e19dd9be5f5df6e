import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import axe, { type AxeResults, type Result } from 'axe-core';

/** The impacts the accessibility spec fails on; the others are printed, not failed. */
export const BLOCKING = new Set(['serious', 'critical']);

const LABEL_IN_NAME = 'label-content-name-mismatch';

export interface Finding {
  view: string;
  rule: string;
  impact: string;
  help: string;
  /** Each node's target: frame selectors, then shadow-root selectors, joined with " > ". */
  targets: string[];
  /** axe's own explanation for the first node (the contrast ratio, the missing name, …). */
  summary: string;
}

/**
 * axe-core's source, run once per frame. @axe-core/playwright injects it into child frames
 * itself but gives up on a frame after one second and then reports it only as "frame-tested,
 * incomplete": on a busy machine the planner's frame takes longer, and would go unchecked. So
 * `scan` evaluates the source in every frame first, without that limit, and hands the builder
 * a guarded copy that does nothing where axe is already there.
 */
const GUARDED_SOURCE = `if (typeof window.axe === 'undefined') {\n${axe.source}\n}`;

/**
 * Runs axe on the whole page, its frames included: Playwright evaluates in every frame, so the
 * planner's cross-origin iframe is analysed too (the page's own script could not reach into
 * it). WCAG 2.x A/AA and axe's best practices. Throws when a frame could not be analysed.
 */
export async function scan(page: Page, view: string): Promise<Finding[]> {
  const started = Date.now();
  for (const frame of page.frames()) await frame.evaluate(GUARDED_SOURCE);
  const results: AxeResults = await new AxeBuilder({ page, axeSource: GUARDED_SOURCE })
    .options({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      // Still "experimental" in axe, so off unless asked: a button whose name does not contain
      // its visible text ("Add to room" named "Add Halden 3-Seat Sofa to room") fails WCAG 2.5.3.
      rules: { [LABEL_IN_NAME]: { enabled: true } },
      // Every node only for violations (one for the other outcomes): much less to collect and
      // send back from a planner frame of many nodes.
      resultTypes: ['violations'],
    })
    .analyze();
  const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable];
  if (!ran.some((r) => r.id === LABEL_IN_NAME)) throw new Error(`axe did not run ${LABEL_IN_NAME}`);
  const untested = results.incomplete.find((r) => r.id === 'frame-tested');
  if (untested)
    throw new Error(`axe could not analyse ${untested.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  console.log(`axe: ${view}: ${Date.now() - started} ms`);
  return results.violations.map((v: Result) => ({
    view,
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' > ')),
    summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/** The elements printed per violation: the first few say where to look. */
const SHOWN_TARGETS = 8;

/** What axe found, one block per violation, for the test's output and its attachment. */
export function report(findings: Finding[]): string {
  if (findings.length === 0) return 'axe: no violations';
  return findings
    .map(
      (f) =>
        `[${f.impact}] ${f.rule} in ${f.view}: ${f.help}\n` +
        f.targets
          .slice(0, SHOWN_TARGETS)
          .map((t) => `    ${t}`)
          .join('\n') +
        (f.targets.length > SHOWN_TARGETS ? `\n    … and ${f.targets.length - SHOWN_TARGETS} more` : '') +
        (f.summary ? `\n    → ${f.summary}` : ''),
    )
    .join('\n');
}

/** Prints every finding, attaches them to the test, and returns the blocking ones. */
export async function record(testInfo: TestInfo, findings: Finding[]): Promise<string[]> {
  const text = report(findings);
  console.log(text);
  await testInfo.attach('axe violations', { body: text, contentType: 'text/plain' });
  return findings.filter((f) => BLOCKING.has(f.impact)).map((f) => `${f.impact} ${f.rule} in ${f.view}`);
}
