import type { Frame, Page } from '@playwright/test';
import type { BenchModule } from '../lib/module.ts';
import { type PlannerStack, plannerFrame, withPlannerPage } from '../lib/planner-stack.ts';
import type { Row, Table } from '../lib/report.ts';
import { interleave, summarise } from '../lib/stats.ts';
import { barChart } from '../lib/svg.ts';

/**
 * Runs in every frame before its own scripts; in the planner's frame it notes when the host's
 * token arrived (a capturing listener, before the planner's own) and when WebCrypto's
 * `importKey`/`verify` (what jose calls to check the token's signature) started and ended.
 * Nothing in the planner is changed: the rest comes from Navigation and Resource Timing.
 */
const marksScript = (plannerOrigin: string) => `(() => {
  if (location.origin !== ${JSON.stringify(plannerOrigin)}) return;
  const m = { token: null, verify: [], importKey: [] };
  globalThis.__benchMarks = m;
  addEventListener('message', (e) => {
    const type = e.data && e.data.type;
    if (m.token === null && (type === 'Authentication' || type === 'Login')) m.token = performance.now();
  }, true);
  const subtle = crypto.subtle;
  for (const name of ['verify', 'importKey']) {
    const original = subtle[name].bind(subtle);
    subtle[name] = async (...args) => {
      const start = performance.now();
      try { return await original(...args); } finally { m[name].push([start, performance.now()]); }
    };
  }
})();`;

type Resource = { name: string; start: number; end: number };
type FrameTimes = {
  timeOrigin: number;
  documentEnd: number;
  domContentLoaded: number;
  resources: Resource[];
  marks?: { token: number | null; verify: [number, number][]; importKey: [number, number][] };
};
type HostMarks = {
  tokenStart: number[];
  tokenEnd: number[];
  trace: { at: number; dir: string; type: string }[];
};

/** One load: ms from the frame's navigation start to each milestone reached (in order), and every fetch. */
type Load = { total: number; phases: [string, number][]; resources: Resource[] };

const isCatalog = (r: Resource) => /\/v1\/catalog\?/.test(r.name);

async function frameTimes(frame: Frame): Promise<FrameTimes> {
  await frame.waitForFunction(
    () =>
      performance
        .getEntriesByType('resource')
        .some((e) => /\/v1\/catalog\?/.test(e.name) && (e as PerformanceResourceTiming).responseEnd > 0),
    undefined,
    { timeout: 30_000 },
  );
  return frame.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      timeOrigin: performance.timeOrigin,
      documentEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventStart,
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
        name: e.name,
        start: e.startTime,
        end: e.responseEnd,
      })),
      marks: (globalThis as { __benchMarks?: FrameTimes['marks'] }).__benchMarks,
    };
  });
}

/** The planner's milestones, in the order a handshake reaches them. */
function plannerPhases(f: FrameTimes, host: HostMarks): Load {
  const fromHost = (wall: number | undefined) => (wall === undefined ? Number.NaN : wall - f.timeOrigin);
  const assets = f.resources.filter((r) => new URL(r.name).pathname.startsWith('/assets/'));
  const entry = assets.find((r) => r.name.endsWith('.js'));
  const token = f.marks?.token ?? Number.NaN;
  // Chunks fetched once the token arrived: the lazy verifier (jose), and its key set.
  const verifier = assets.find((r) => r !== entry && r.start >= token - 1);
  const jwks = f.resources.find((r) => r.name.includes('/.well-known/jwks.json'));
  const verified = f.marks?.verify.find(([start]) => start >= token - 1)?.[1];
  const catalog = f.resources.find(isCatalog)!;
  const phases: [string, number | undefined][] = [
    ['document received', f.documentEnd],
    ['entry script loaded', entry?.end],
    ['scripts ran (DOMContentLoaded)', f.domContentLoaded],
    ['Ready reached the host', fromHost(host.trace.find((t) => t.dir === 'in' && t.type === 'Ready')?.at)],
    ['host asks its back-end for a token', fromHost(host.tokenStart[0])],
    ['host back-end answered the token', fromHost(host.tokenEnd[0])],
    ['token reached the planner', token],
    ['verifier chunk loaded', verifier?.end],
    ['key set (JWKS) fetched', jwks?.end],
    ['signature verified', verified],
    ['catalog request sent', catalog.start],
    ['catalog answered', catalog.end],
  ];
  return toLoad(f, catalog.end, phases);
}

/** The phases that happened (a missing mark is left out), ending when the catalog answered. */
function toLoad(f: FrameTimes, total: number, phases: [string, number | undefined][]): Load {
  return {
    total,
    phases: phases.filter((p): p is [string, number] => p[1] !== undefined && Number.isFinite(p[1])),
    resources: f.resources,
  };
}

function blankPhases(f: FrameTimes): Load {
  const script = f.resources.find((r) => r.name.includes('/blank.js'));
  const catalog = f.resources.find(isCatalog)!;
  const phases: [string, number | undefined][] = [
    ['document received', f.documentEnd],
    ['script loaded', script?.end],
    ['scripts ran (DOMContentLoaded)', f.domContentLoaded],
    ['catalog request sent', catalog.start],
    ['catalog answered', catalog.end],
  ];
  return toLoad(f, catalog.end, phases);
}

async function load(page: Page, stack: PlannerStack, mode: 'planner' | 'blank'): Promise<Load> {
  await page.goto(`${stack.hostUrl}/host.html?mode=${mode}`);
  const frame = await plannerFrame(page, stack.plannerUrl);
  const times = await frameTimes(frame);
  if (mode === 'blank') return blankPhases(times);
  return plannerPhases(
    times,
    await page.evaluate(() => (window as unknown as { benchHost: HostMarks }).benchHost),
  );
}

/** Each milestone's median over the loads (a milestone some load missed counts from the rest). */
function milestoneTable(loads: readonly Load[]): { label: string; ms: ReturnType<typeof summarise> }[] {
  const labels = [...new Set(loads.flatMap((l) => l.phases.map(([label]) => label)))];
  return labels.map((label) => ({
    label,
    ms: summarise(loads.flatMap((l) => l.phases.filter(([n]) => n === label).map(([, ms]) => ms))),
  }));
}

/** The load whose total is the median (the upper one of an even count). */
const medianLoad = (loads: readonly Load[]) =>
  [...loads].sort((a, b) => a.total - b.total)[loads.length >> 1]!;

const fmtMs = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');

export const handshake: BenchModule = {
  name: 'handshake',
  title: 'The handshake in Chromium: iframe navigation → first authorized catalog response',
  async run({ smoke, log }) {
    const rounds = smoke ? 1 : 20;
    return withPlannerPage({}, async (page, stack) => {
      await page.addInitScript(marksScript(new URL(stack.plannerUrl).origin));
      const loads: Record<'planner' | 'blank', Load[]> = { planner: [], blank: [] };
      // The first load of each is cold (HTTP cache empty): noted apart, not part of the rounds.
      const cold = { planner: await load(page, stack, 'planner'), blank: await load(page, stack, 'blank') };
      log(`cold: planner ${fmtMs(cold.planner.total)} ms, blank ${fmtMs(cold.blank.total)} ms`);
      const { samples, ratio } = await interleave(
        rounds,
        {
          planner: async () => {
            const l = await load(page, stack, 'planner');
            loads.planner.push(l);
            return l.total;
          },
          blank: async () => {
            const l = await load(page, stack, 'blank');
            loads.blank.push(l);
            return l.total;
          },
        },
        0,
      );
      const rows: Row[] = [
        {
          figure: `iframe navigation → first authorized catalog response (p50 of ${rounds} loads)`,
          unit: 'ms',
          value: summarise(samples.planner),
          baseline: 'blank page in the same iframe, one fetch of the catalog',
          base: summarise(samples.blank),
          ratio: summarise(ratio('planner', 'blank')),
          goal: '≤ 1.3×',
        },
      ];
      const planner = milestoneTable(loads.planner);
      const blank = milestoneTable(loads.blank);
      const tables: Table[] = [
        {
          caption: `Where the planner's handshake spends its time (ms from the iframe's navigation start, median and min–max of ${rounds} warm loads)`,
          columns: ['milestone', 'at', 'since the previous'],
          rows: planner.map((p, i) => [
            p.label,
            `${fmtMs(p.ms.median)} (${fmtMs(p.ms.min)}–${fmtMs(p.ms.max)})`,
            i ? `+${fmtMs(p.ms.median - planner[i - 1]!.ms.median)}` : '',
          ]),
        },
        {
          caption: `Every fetch of the planner's frame until the catalog answered (the median load of ${rounds})`,
          columns: ['fetch', 'start', 'end', 'duration'],
          rows: medianLoad(loads.planner)
            .resources.filter((r) => r.start <= medianLoad(loads.planner).total)
            .map((r) => {
              const u = new URL(r.name);
              return [
                `${u.port === new URL(stack.plannerUrl).port ? 'planner' : 'platform'} ${u.pathname}${u.search}`,
                fmtMs(r.start),
                fmtMs(r.end),
                fmtMs(r.end - r.start),
              ];
            }),
        },
        {
          caption: 'The baseline: a blank page on the planner origin, one authorized fetch',
          columns: ['milestone', 'at', 'since the previous'],
          rows: blank.map((p, i) => [
            p.label,
            `${fmtMs(p.ms.median)} (${fmtMs(p.ms.min)}–${fmtMs(p.ms.max)})`,
            i ? `+${fmtMs(p.ms.median - blank[i - 1]!.ms.median)}` : '',
          ]),
        },
      ];
      return {
        rows,
        tables,
        charts: [
          {
            file: 'handshake.svg',
            title: 'Handshake milestones',
            svg: barChart(
              'Planner handshake milestones, ms from iframe navigation (dashed: blank page answered)',
              'ms',
              planner.map((p) => ({ label: p.label, value: p.ms.median, min: p.ms.min, max: p.ms.max })),
              blank.at(-1)?.ms.median,
            ),
          },
        ],
        notes: [
          `Real parts on 127.0.0.1, three origins: the platform (PGlite, the seeded catalog), the planner's own server (packages/stack \`plannerSite\`: \`?le=\` lookup, CSP) serving \`vite build --mode e2e\` of the planner, and a host page using the host SDK (\`embedPlanner\`) whose back-end route asks the platform for a legal-entity token. ${rounds} loads a side, interleaved (ABBA), each a fresh navigation of the host page, warm HTTP cache (the hashed assets are immutable).`,
          `Cold first load (empty HTTP cache, before the rounds): planner ${fmtMs(cold.planner.total)} ms, blank page ${fmtMs(cold.blank.total)} ms.`,
          "Milestones: document, scripts and fetches from the planner frame's Navigation and Resource Timing (a fetch's time includes its CORS preflight); Ready and the token request from the host SDK's `trace` hook and the host page's provider; the token's arrival and the signature check from a script run before the planner's (a capturing `message` listener, and WebCrypto's `verify` wrapped). The planner's code is not changed for the bench.",
        ],
      };
    });
  },
};
