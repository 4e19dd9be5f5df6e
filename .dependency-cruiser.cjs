/**
 * Who may import whom (issue 14). `pnpm deps` runs it; a violation fails `pnpm test`.
 * Paths are matched with `(^|/)packages/<name>/` so the fixture in tools/deps-fixture
 * (which proves each rule fires, see tools/deps-fixture.test.mjs) is judged the same way.
 */
const pkg = (names) => `(^|/)packages/(${names})/`;
const notPkg = (names) => `(^|/)packages/(?!(${names})/)[^/]+/`;
const BROWSER = 'protocol|contract|host|api-client|planner|admin-console|ui';
const UI = 'planner|admin-console|ui|api-client|host';

/** `from` may import, of our packages, only itself and `allowed`. */
const layer = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: pkg(from) },
  to: { path: notPkg(`${from}|${allowed}`) },
});

module.exports = {
  forbidden: [
    layer('protocol-depends-on-nothing', 'protocol', '(?!)', 'The wire protocol is public and stands alone.'),
    layer('contract-depends-on-nothing', 'contract', '(?!)', 'The contract is the bottom layer.'),
    layer('host-on-protocol-and-contract', 'host', 'protocol|contract', 'The host SDK ships to other sites.'),
    layer('api-client-on-protocol-and-contract', 'api-client', 'protocol|contract', 'Runs in the iframe.'),
    layer(
      'planner-on-api-client-protocol-contract-ui',
      'planner',
      'api-client|protocol|contract|ui',
      'The planner UI talks to the platform only through the api-client.',
    ),
    layer(
      'ui-on-contract-only',
      'ui',
      'contract',
      'The shared look (tokens, base styles, confirm dialog) needs lit and at most the contract.',
    ),
    layer(
      'admin-console-on-contract-and-ui',
      'admin-console',
      'contract|ui',
      'The console talks to the platform over HTTP; of our packages it takes the contract and the look.',
    ),
    {
      name: 'no-browser-package-on-platform',
      comment: 'Browser code takes the contract, never the server (its types would leak, and zod with them).',
      severity: 'error',
      from: { path: pkg(BROWSER) },
      to: { path: pkg('platform') },
    },
    {
      name: 'platform-on-no-ui',
      comment: 'The platform serves the admin console as built files only; it imports no UI package.',
      severity: 'error',
      from: { path: pkg('platform') },
      to: { path: pkg(UI) },
    },
    {
      name: 'nothing-on-the-stack',
      comment:
        'The stack (pnpm start, the cluster) is the top: it starts the parts, no part imports it (only e2e/ does).',
      severity: 'error',
      from: { path: '(^|/)(packages|demo-host)/', pathNot: pkg('stack') },
      to: { path: pkg('stack') },
    },
    {
      name: 'shop-on-host-and-protocol',
      comment:
        'The demo shop is what a retailer copies: it reaches the platform over HTTP through the host SDK, never its code.',
      severity: 'error',
      from: { path: '(^|/)demo-host/' },
      to: { path: notPkg('host|protocol|contract') },
    },
    {
      name: 'no-deep-imports',
      comment:
        'Another package is reached through its name and `exports`, never a relative path into its files.',
      severity: 'error',
      from: { path: '(^|/)packages/([^/]+)/' },
      to: { dependencyTypes: ['local'], path: '(^|/)packages/', pathNot: '(^|/)packages/$2/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves nowhere, e.g. a subpath the package does not export.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // TypeScript 7 has no JS API for dependency-cruiser to parse with; swc reads the same syntax.
    parser: 'swc',
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
