import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/** The impacts the accessibility spec fails on; the others are printed, not failed. */
export const BLOCKING = new Set(['serious', 'critical']);

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
 * Runs axe on the whole page, its frames included: @axe-core/playwright injects axe into every
 * frame through Playwright itself, so the planner's cross-origin iframe is analysed too (the
 * page's own script could not reach into it). WCAG 2.x A/AA and axe's best practices.
 */
export async function scan(page: Page, view: string): Promise<Finding[]> {
  const started = Date.now();
  const results: AxeResults = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
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

/** What axe found, one block per violation, for the test's output and its attachment. */
export function report(findings: Finding[]): string {
  if (findings.length === 0) return 'axe: no violations';
  return findings
    .map(
      (f) =>
        `[${f.impact}] ${f.rule} in ${f.view}: ${f.help}\n` +
        f.targets.map((t) => `    ${t}`).join('\n') +
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
