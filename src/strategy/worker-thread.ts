// Starting a worker thread on a module of this package: compiled JavaScript as is, TypeScript sources through tsx registered inside the worker.
//
// Why not `new Worker(url, { execArgv: ['--import', 'tsx'] })`: on Node 20 the worker's entry module
// is resolved before loader hooks from `--import` apply in the new thread, and it fails with
// ERR_UNKNOWN_FILE_EXTENSION. A tiny bootstrap registers tsx's hooks first and then imports the entry.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this package runs from its TypeScript sources (tsx, vitest) rather than compiled output. */
const fromSource = import.meta.url.endsWith('.ts');

let tsxApi: string | undefined;

/** The file URL of tsx's ESM API, resolved from this package (not the working directory) through tsx's own export map. */
function tsxApiUrl(): string {
  if (tsxApi) return tsxApi;
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> }).exports;
  const target = exports['./esm/api']?.import?.default;
  if (!target) throw new Error('tsx has no ./esm/api export: cannot run TypeScript in worker threads');
  return (tsxApi = pathToFileURL(join(dirname(manifest), target)).href);
}

/** `entry` names the module's TypeScript source (`new URL('./x.ts', import.meta.url)`); compiled builds run its .js twin. */
export function spawnModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!fromSource) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), options);
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
