// Lint rules: strict TypeScript, exhaustive switches, and the dependency rule from ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['core', 'engine', 'threads', 'journal', 'store', 'marketdata', 'platform', 'strategy', 'backtest', 'bots', 'adapters', 'api', 'cluster', 'cli'];

/** What each layer may import from our own code (arrows point inward). */
const allowed = {
  core: [],
  engine: ['core'],
  // Starting worker threads on our own modules: Node only, nothing of ours.
  threads: [],
  journal: ['core', 'engine', 'threads'],
  store: ['core', 'threads'],
  marketdata: ['core'],
  // The running exchange without its network edges: durable engine, read models, feeds.
  platform: ['core', 'engine', 'threads', 'journal', 'store', 'marketdata'],
  strategy: ['core'],
  backtest: ['core', 'engine', 'threads', 'strategy'],
  bots: ['core', 'threads', 'strategy'],
  adapters: ['core'],
  api: ['core', 'engine', 'threads', 'journal', 'store', 'marketdata', 'platform', 'strategy', 'backtest', 'bots', 'adapters'],
  cluster: ['core', 'engine', 'threads', 'journal', 'store', 'marketdata', 'platform', 'strategy', 'backtest', 'bots', 'adapters', 'api'],
  cli: layers.filter((l) => l !== 'cli'),
};

const ambientBans = [
  { object: 'Date', property: 'now', message: 'Time is injected: take it from the command.' },
  { object: 'Math', property: 'random', message: 'Randomness is injected: use a seeded generator.' },
  { object: 'performance', property: 'now', message: 'Time is injected: take it from the command.' },
];
const timerBans = ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'process', 'performance'].map((name) => ({
  name,
  message: 'The pure core does no I/O and uses no timers.',
}));

function layerRules(layer) {
  const forbidden = layers.filter((l) => l !== layer && !allowed[layer].includes(l));
  const patterns = [];
  if (forbidden.length > 0) {
    patterns.push({ group: forbidden.flatMap((l) => [`../${l}`, `../${l}/*`, `../../${l}`, `../../${l}/*`]), message: `The dependency rule forbids this import from src/${layer}.` });
  }
  const pure = layer === 'core' || layer === 'engine' || layer === 'marketdata';
  if (pure) patterns.push({ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http'], message: 'The pure core does no I/O.' });
  return {
    files: [`src/${layer}/**/*.ts`],
    // Tests and test-only harnesses may read the environment (PROPERTY_RUNS) and import freely.
    ignores: ['src/**/*.test.ts', 'src/**/property-harness.ts'],
    rules: {
      ...(patterns.length > 0 ? { 'no-restricted-imports': ['error', { patterns }] } : {}),
      ...(pure
        ? {
            'no-restricted-properties': ['error', ...ambientBans],
            'no-restricted-globals': ['error', ...timerBans, { name: 'Date', message: 'Time is injected: take it from the command.' }],
            'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'Time is injected.' }],
          }
        : {}),
    },
  };
}

/** The browser globals the dashboard uses (TypeScript checks the rest through the DOM lib). */
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'navigator', 'localStorage', 'location', 'fetch', 'WebSocket', 'URL', 'URLSearchParams', 'AbortController', 'DOMException', 'CloseEvent', 'MessageEvent', 'HTMLElement', 'Intl', 'console'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'web/dist/', '.bench-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  // The dashboard: browser code that reaches the server only through its HTTP and WebSocket API.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: browserGlobals },
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/*/**', 'node:*'], message: 'The dashboard talks to the server through its API only (web/src/lib/api.ts, ws.ts).' }] }] },
  },
  { files: ['web/vite.config.ts'], languageOptions: { parserOptions: { projectService: false, project: ['web/tsconfig.node.json'] } } },
  ...layers.map(layerRules),
);
