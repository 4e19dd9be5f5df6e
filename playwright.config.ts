import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { formatPorts, PORT_NAMES, parsePorts } from './e2e/support/port-list.ts';

// Playwright cannot download its own browser on every machine: prefer the system
// Chromium when there is one, fall back to Playwright's own where a user has installed it.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/**
 * Free 127.0.0.1 ports, one per server of the stack. The config is loaded again in every
 * worker, so the first load writes them into PLANNER_E2E_PORTS, which the webServer and the
 * workers inherit; a caller may set it to choose the ports. Picked by a child process because
 * the config must be ready synchronously; the OS may hand a port to someone else before the
 * stack binds it, which then fails loudly (EADDRINUSE), never silently.
 */
function stackPorts(): string {
  if (process.env.PLANNER_E2E_PORTS) return formatPorts(parsePorts(process.env.PLANNER_E2E_PORTS));
  const script = `
    const net = require('node:net');
    const servers = Array.from({ length: ${PORT_NAMES.length} }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, '127.0.0.1', ok)))).then(() => {
      process.stdout.write(servers.map((s) => s.address().port).join(','));
      for (const s of servers) s.close();
    });`;
  const picked = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).split(',');
  return PORT_NAMES.map((name, i) => `${name}=${picked[i]}`).join(',');
}
process.env.PLANNER_E2E_PORTS = stackPorts();
const ports = parsePorts(process.env.PLANNER_E2E_PORTS);

/**
 * The README's picture (tests tagged @screenshot) writes the tracked docs/demo-shop.png, so it
 * is its own project, there only when `pnpm screenshots` asks for it (PLANNER_SCREENSHOTS=1).
 */
const SCREENSHOTS = /@screenshot/;
const screenshots = process.env.PLANNER_SCREENSHOTS === '1';

const use = {
  browserName: 'chromium' as const,
  trace: 'retain-on-failure' as const,
  launchOptions: {
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  },
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : [['list']],
  outputDir: 'test-results',
  projects: screenshots
    ? [{ name: 'screenshots', grep: SCREENSHOTS, use }]
    : [{ name: 'e2e', grepInvert: SCREENSHOTS, use }],
  // The whole stack (platform, planner, demo shop, fixture hosts) on the ports above, with
  // its data in a fresh temporary folder. A running stack is reused only when asked
  // (PLANNER_E2E_REUSE=1 with its PLANNER_E2E_PORTS): otherwise a second suite on the machine
  // would silently test the first one's stack.
  webServer: {
    // One process (no pnpm or tsx wrapper in between), so the SIGTERM below reaches serve.ts
    // and Playwright waits for its clean-up rather than for a wrapper that exits at once.
    command: 'node --import tsx e2e/support/serve.ts',
    url: `http://127.0.0.1:${ports.fixtures}/config.json`,
    env: { PLANNER_E2E_PORTS: process.env.PLANNER_E2E_PORTS },
    timeout: 180_000,
    reuseExistingServer: process.env.PLANNER_E2E_REUSE === '1',
    // SIGTERM rather than Playwright's default SIGKILL, so serve.ts removes its data folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
