#!/usr/bin/env node
// Builds the web dashboard (before `npm start`, and before the tests with --strict) when web/dist is missing or older than a file under web/ that goes into it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const builtIndex = join(web, 'dist', 'index.html');
/** What the build reads besides web/src. */
const inputs = ['index.html', 'vite.config.ts', 'tsconfig.json'].map((name) => join(web, name));

/** The newest modification time under a directory (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

if (!existsSync(join(web, 'src'))) process.exit(0);
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const changedAt = Math.max(newest(join(web, 'src')), ...inputs.map(newest));
if (builtAt >= changedAt) process.exit(0);

console.log(builtAt === 0 ? 'web/dist is missing: building the dashboard…' : 'web/src changed since the last build: building the dashboard…');
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
if (result.status !== 0) {
  // Before `npm start` a failed build is not fatal (the server shows its start page); with --strict
  // (the browser tests) it is.
  if (process.argv.includes('--strict')) process.exit(result.status ?? 1);
  console.error('The dashboard build failed; the server starts with the start page instead. Run `npm run build:web` to see why.');
}
