// Before the browser tests: use Debian's Chromium where it is installed (Playwright cannot
// download its own on every machine), else Playwright's own, installed here on first use,
// so `pnpm test` works on a fresh machine with neither.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!system && !existsSync(chromium.executablePath())) {
  console.log('No Chromium found: installing Playwright’s own (playwright install chromium)');
  try {
    execFileSync('pnpm', ['exec', 'playwright', 'install', 'chromium'], { stdio: 'inherit' });
  } catch {
    console.error(
      'Could not install Chromium: install one (apt-get install chromium) and run the tests again.',
    );
    process.exit(1);
  }
}
