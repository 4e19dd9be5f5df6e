// Fails when a README names a subpath of a published package (`@planner/host/server`) that
// the package's tarball does not export, or when a tarball's export or bin points at a file
// that is not there (run `pnpm build:packages` first) or not in its `files`, or a bin that
// Node cannot parse. Published: every
// workspace package under packages/ that is not `private`; its tarball's exports are
// `publishConfig.exports` (pnpm pack puts them in place of the workspace's source exports).
// After jose's tools/check-subpaths.js.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const published = new Map();
for (const dir of readdirSync(join(repo, 'packages'))) {
  const file = join(repo, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const manifest = readJson(file);
  if (!manifest.private) published.set(manifest.name, { dir: join(repo, 'packages', dir), manifest });
}

const problems = [];
const exportsOf = ({ manifest }) => manifest.publishConfig?.exports ?? manifest.exports ?? {};
const targets = (value) =>
  typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap((v) => targets(v));

for (const [name, pkg] of published) {
  const files = pkg.manifest.files ?? [];
  const shipped = (target) =>
    files.some((f) => target.replace(/^\.\//, '').startsWith(`${f.replace(/\/$/, '')}/`));
  const bins = Object.values(pkg.manifest.publishConfig?.bin ?? pkg.manifest.bin ?? {});
  for (const target of [...Object.values(exportsOf(pkg)).flatMap(targets), ...bins]) {
    if (!existsSync(join(pkg.dir, target))) problems.push(`${name}: ${target} does not exist (built?)`);
    else if (!shipped(target)) problems.push(`${name}: ${target} is not in "files"`);
  }
  if (!pkg.manifest.files) problems.push(`${name}: no "files" list`);
  // A bin is run by plain Node (the oldest `engines` allows, in CI): it must be JavaScript.
  // Syntax only (`node --check`): run here, its imports would resolve to the workspace's sources.
  for (const bin of bins.filter((b) => existsSync(join(pkg.dir, b)))) {
    if (!readFileSync(join(pkg.dir, bin), 'utf8').startsWith('#!/usr/bin/env node\n')) {
      problems.push(`${name}: ${bin} does not start with #!/usr/bin/env node`);
    }
    try {
      execFileSync(process.execPath, ['--check', join(pkg.dir, bin)], { stdio: 'pipe', timeout: 30_000 });
    } catch (error) {
      problems.push(`${name}: node --check ${bin} failed: ${String(error.stderr ?? error).split('\n')[0]}`);
    }
  }
}

const readmes = [join(repo, 'README.md'), join(repo, 'demo-host', 'README.md')];
for (const dir of readdirSync(join(repo, 'packages'))) readmes.push(join(repo, 'packages', dir, 'README.md'));
const mention = /@planner\/([a-z0-9-]+)((?:\/[A-Za-z0-9._-]+)*)/g;
let checked = 0;
for (const readme of readmes.filter((f) => existsSync(f))) {
  for (const [, pkgName, subpath] of readFileSync(readme, 'utf8').matchAll(mention)) {
    const pkg = published.get(`@planner/${pkgName}`);
    if (!pkg) continue;
    checked++;
    const key = subpath ? `.${subpath}` : '.';
    if (!(key in exportsOf(pkg))) {
      problems.push(
        `${relative(repo, readme)}: @planner/${pkgName}${subpath} is not exported by the tarball`,
      );
    }
  }
}

for (const p of problems) console.error(p);
console.log(
  `check-subpaths: ${published.size} packages, ${checked} README mentions, ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
