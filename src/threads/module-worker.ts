// Starting a worker thread on a module of this package: compiled JavaScript as is, TypeScript sources through tsx registered inside the worker. Imports nothing of ours, so every layer that runs threads can use it.
//
// Why not `new Worker(url, { execArgv: ['--import', 'tsx'] })`: on Node 20 the worker's entry module
// is resolved before loader hooks from `--import` apply in the new thread, and it fails with
// ERR_UNKNOWN_FILE_EXTENSION. A tiny bootstrap imports tsx first and then the entry.
//
// It registers what `--import tsx` registers in the main process: the ESM hooks and the CommonJS
// loader (tsx's main entry skips its ESM hooks off the main thread on Node 20, so it is not used as is).
// With the ESM hooks alone, a user's .ts strategy with no "type": "module" package.json nearby
// (CommonJS by Node's rules) fell to Node's own require: "Cannot require() ES Module ... in a cycle".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this package runs from its TypeScript sources (tsx, vitest) rather than compiled output. */
const fromSource = import.meta.url.endsWith('.ts');

type ExportTarget = string | { import?: { default?: string } } | undefined;

let tsxEntries: { esmApi: string; cjsLoader: string } | undefined;

/** File URLs of tsx's ESM API and its CommonJS loader, resolved from this package (not the working directory) through tsx's own export map. */
function tsxEntryUrls(): { esmApi: string; cjsLoader: string } {
  if (tsxEntries) return tsxEntries;
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, ExportTarget> }).exports;
  const url = (subpath: string): string => {
    const target = exports[subpath];
    const file = typeof target === 'string' ? target : target?.import?.default;
    if (!file) throw new Error(`tsx has no ${subpath} export: cannot run TypeScript in worker threads`);
    return pathToFileURL(join(dirname(manifest), file)).href;
  };
  return (tsxEntries = { esmApi: url('./esm/api'), cjsLoader: url('./cjs') });
}

/** `entry` names the module's TypeScript source (`new URL('./x.ts', import.meta.url)`); compiled builds run its .js twin. */
export function spawnModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!fromSource) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), options);
  const { esmApi, cjsLoader } = tsxEntryUrls();
  const bootstrap = `import(${JSON.stringify(esmApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(cjsLoader)}); }).then(() => import(${JSON.stringify(entry.href)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}
