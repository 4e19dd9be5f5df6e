// Proves each rule of .dependency-cruiser.cjs fires: the fixture holds one violation per
// rule (see the comment atop each file), and a rule that no longer matches fails here.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

// `--output-type json` reports violations in the output and exits 0.
const run = () => {
  const out = execFileSync(
    'depcruise',
    ['tools/deps-fixture', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out).summary.violations.map((v) => `${v.rule.name} ${v.from} -> ${v.to}`);
};

const F = 'tools/deps-fixture/packages';
const S = 'tools/deps-fixture/demo-host/src';
const expected = [
  `protocol-depends-on-nothing ${F}/protocol/src/bad.ts -> ${F}/contract/src/index.ts`,
  `contract-depends-on-nothing ${F}/contract/src/bad.ts -> ${F}/api-client/src/index.ts`,
  `host-on-protocol-and-contract ${F}/host/src/bad.ts -> ${F}/api-client/src/index.ts`,
  `api-client-on-protocol-and-contract ${F}/api-client/src/bad.ts -> ${F}/planner/src/index.ts`,
  `planner-on-api-client-protocol-contract-ui ${F}/planner/src/platform.ts -> ${F}/platform/src/index.ts`,
  `ui-on-contract-only ${F}/ui/src/bad.ts -> ${F}/planner/src/index.ts`,
  `admin-console-on-contract-and-ui ${F}/admin-console/src/planner.ts -> ${F}/planner/src/index.ts`,
  `no-browser-package-on-platform ${F}/admin-console/src/bad.ts -> ${F}/platform/src/index.ts`,
  `no-browser-package-on-platform ${F}/ui/src/platform.ts -> ${F}/platform/src/index.ts`,
  `platform-on-no-ui ${F}/platform/src/ui.ts -> ${F}/ui/src/index.ts`,
  `no-browser-package-on-platform ${F}/planner/src/platform.ts -> ${F}/platform/src/index.ts`,
  `platform-on-no-ui ${F}/platform/src/bad.ts -> ${F}/planner/src/index.ts`,
  `nothing-on-the-stack ${F}/platform/src/stack.ts -> ${F}/stack/src/index.ts`,
  `nothing-on-the-stack ${S}/bad.ts -> ${F}/stack/src/index.ts`,
  `shop-on-host-and-protocol ${S}/bad.ts -> ${F}/platform/src/index.ts`,
  `shop-on-host-and-protocol ${S}/bad.ts -> ${F}/stack/src/index.ts`,
  `no-deep-imports ${F}/planner/src/bad.ts -> ${F}/api-client/src/index.ts`,
  `not-to-unresolvable ${F}/planner/src/unresolvable.ts -> @planner/platform/src/index.ts`,
];

test('every dependency rule fires on its fixture', () => {
  const found = run();
  for (const violation of expected)
    assert.ok(found.includes(violation), `missing: ${violation}\nfound:\n${found.join('\n')}`);
});

test('an allowed import is not reported', () => {
  // planner/src/bad.ts -> api-client is allowed by the layers: only no-deep-imports may fire.
  // ui.ts in the planner and the console imports the ui package: allowed, so only no-deep-imports.
  const found = run();
  for (const file of ['/planner/src/bad.ts', '/planner/src/ui.ts', '/admin-console/src/ui.ts']) {
    const layers = found.filter((v) => v.includes(file) && !v.startsWith('no-deep-imports'));
    assert.deepEqual(layers, [], file);
  }
});

test('the stack may import the parts it starts', () => {
  // stack/src/allowed.ts -> platform: only no-deep-imports (a relative path) may fire.
  const layers = run().filter((v) => v.includes('/stack/src/allowed.ts') && !v.startsWith('no-deep-imports'));
  assert.deepEqual(layers, []);
});
