// `bourse backtest` and `bourse optimize` as a user runs them: over generated, stored history and over a file, with results, a report and clear errors.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { efficiencyText } from '../src/cli/optimize-command.ts';
import { runBourse } from './support/cli-run.ts';
import { suiteTempDir, tempDir } from './support/temp-dir.ts';

const dir = suiteTempDir('bourse-cli-backtest-');
const STRATEGY = join(import.meta.dirname, '..', 'examples', 'sma-crossover.ts');

beforeAll(async () => {
  const generated = await runBourse(['generate', '--kind', 'bars', '--symbol', 'AAPL', '--interval', '1m', '--count', '3000', '--seed', '5', '--data-dir', dir]);
  expect(generated.code).toBe(0);
}, 120_000);

describe('bourse backtest', () => {
  it('runs a strategy over stored bars and writes the JSON results and the HTML report', async () => {
    const out = join(dir, 'result.json');
    const report = join(dir, 'report.html');
    const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5', '--param', 'slow=20', '--param', 'qty=3', '--out', out, '--report', report]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sma-crossover on AAPL {"fast":5,"slow":20,"qty":3}');
    expect(run.stdout).toMatch(/records\s+3,000/);
    // Drawdown as a positive percentage and its duration in the style the dashboard and the report use; no -0.00 anywhere.
    expect(run.stdout).toMatch(/^max drawdown\s+\d+\.\d\d% over (\d\.\d s|\d+ (s|min|h|d))$/m);
    expect(run.stdout).not.toMatch(/-0\.0+\b/);
    const result = JSON.parse(await readFile(out, 'utf8')) as { records: number; fills: unknown[]; metrics: { fills: number } };
    expect(result.records).toBe(3000);
    expect(result.fills.length).toBeGreaterThan(10);
    expect(result.metrics.fills).toBe(result.fills.length);
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Max drawdown');
  }, 120_000);

  it('fills market orders with slippage wider than the listed price band, as the REST API does: history opens the band', async () => {
    // AAPL's listed band is 1,000 bps; 1,500 bps of slippage used to leave every market order unfilled (NO_LIQUIDITY).
    const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5', '--param', 'slow=20', '--slippage-bps', '1500', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { fills: unknown[]; orders: { endedByExchange: Record<string, number> } };
    expect(result.fills.length).toBeGreaterThan(10);
    expect(result.orders.endedByExchange).toEqual({});
  }, 60_000);

  it('reads a CSV file directly, skipping bad rows with their line numbers', async () => {
    const file = join(dir, 'bars.csv');
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 200; i++) rows.push(`${Date.UTC(2024, 0, 2) + i * 60_000},${100 + (i % 7)},${101 + (i % 7)},${99 + (i % 7)},${100.5 + (i % 7)},5`);
    rows.splice(10, 0, '2024-01-02T00:09:30Z,1,0.5,2,1,1');
    // A value off AAPL's 0.01 tick is a bad row too, not the end of the run.
    rows.splice(20, 0, '2024-01-02T00:17:30Z,190.001,191,189,190,1');
    await writeFile(file, rows.join('\n'));
    const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', file, '--param', 'fast=2', '--param', 'slow=5']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('skipped line 11:');
    expect(run.stderr).toContain('skipped line 21: AAPL at 2024-01-02T00:17:30.000Z: open 190.001 is not a multiple of 0.01');
    expect(run.stdout).toMatch(/records\s+200/);
  }, 60_000);

  it('warns on stderr, in one line, of a hole between two series of a file, and lists it in the JSON results and the report', async () => {
    const file = join(dir, 'holed-bars.csv');
    const out = join(dir, 'holed.json');
    const report = join(dir, 'holed.html');
    const rows = ['time,open,high,low,close,volume'];
    for (const day of [Date.UTC(2019, 0, 2, 14, 30), Date.UTC(2023, 0, 3, 14, 30)]) {
      for (let i = 0; i < 100; i++) rows.push(`${day + i * 60_000},${100 + (i % 7)},${101 + (i % 7)},${99 + (i % 7)},${100.5 + (i % 7)},5`);
    }
    await writeFile(file, rows.join('\n'));
    const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', file, '--param', 'fast=2', '--param', 'slow=5', '--out', out, '--report', report]);
    expect(run.code).toBe(0);
    // The last 2019 bar opens 16:09 and closes 16:10; 2023 opens at 14:30.
    expect(run.stderr).toBe('warning: a gap in the data, replayed as trading time: AAPL 2019-01-02T16:10:00.000Z to 2023-01-03T14:30:00.000Z (1461 d)\n');
    expect(run.stdout).toMatch(/records\s+200/);
    const result = JSON.parse(await readFile(out, 'utf8')) as { dataGaps: unknown };
    expect(result.dataGaps).toEqual({ total: 1, items: [{ symbol: 'AAPL', from: Date.UTC(2019, 0, 2, 16, 10), to: Date.UTC(2023, 0, 3, 14, 30), lengthMs: Date.UTC(2023, 0, 3, 14, 30) - Date.UTC(2019, 0, 2, 16, 10) }] });
    expect(await readFile(report, 'utf8')).toContain('<li>AAPL 2019-01-02T16:10:00.000Z to 2023-01-03T14:30:00.000Z (1461 d)</li>');
  }, 60_000);

  it('prints the strategy\'s log lines on stderr with their simulated time under --log, and none without it', async () => {
    const file = join(dir, 'log-bars.csv');
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 100; i++) rows.push(`${Date.UTC(2024, 0, 2) + i * 60_000},${100 + (i % 7)},${101 + (i % 7)},${99 + (i % 7)},${100.5 + (i % 7)},5`);
    await writeFile(file, rows.join('\n'));
    const args = ['backtest', STRATEGY, '--symbol', 'AAPL', '--data', file, '--param', 'fast=2', '--param', 'slow=5'];
    const logged = await runBourse([...args, '--log', '--json']);
    expect(logged.code).toBe(0);
    const lines = logged.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as { ts: number; level: string; strategy: string; message: string });
    expect(lines[0]).toMatchObject({ level: 'info', strategy: 'sma-crossover', message: 'started' });
    expect(lines.some((line) => line.message === 'filled')).toBe(true);
    for (const line of lines) expect(line.ts).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 2));
    // stdout keeps only the results.
    expect((JSON.parse(logged.stdout) as { records: number }).records).toBe(100);
    const quiet = await runBourse(args);
    expect(quiet.stderr).toBe('');
  }, 60_000);

  it('starts the strategy with the history just before --from, from the store or a file, as a live run starts with its history', async () => {
    const sdk = join(import.meta.dirname, '..', 'src', 'strategy', 'index.ts');
    const file = join(await tempDir('bourse-history-strategy-'), 'history.ts');
    await writeFile(
      file,
      `import { defineStrategy } from ${JSON.stringify(sdk)};\n` +
        "export default defineStrategy({ name: 'history', symbols: ['AAPL'], bars: ['1m'], historySize: 5, onStart(ctx) { ctx.log.info('history', { opens: ctx.history('AAPL', '1m', 5).map((bar) => bar.openTime) }); } });\n",
    );
    const csv = join(dir, 'history-bars.csv');
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 100; i++) rows.push(`${Date.UTC(2020, 0, 2) + i * 60_000},100,101,99,100.5,5`);
    await writeFile(csv, rows.join('\n'));
    const from = Date.UTC(2020, 0, 2, 1);
    const minutesBefore = [5, 4, 3, 2, 1].map((n) => from - n * 60_000);
    for (const data of ['store', csv]) {
      const run = await runBourse(['backtest', file, '--symbol', 'AAPL', '--data-dir', dir, '--data', data, '--from', String(from), '--log']);
      expect(run.code, run.stderr).toBe(0);
      const logged = run.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as { message: string; fields?: { opens: number[] } });
      expect(logged.find((line) => line.message === 'history')?.fields, data).toEqual({ opens: minutesBefore });
    }
    // Without --from there is nothing before the data.
    const cold = await runBourse(['backtest', file, '--symbol', 'AAPL', '--data', csv, '--log']);
    expect(cold.stderr).toContain('"opens":[]');
  }, 120_000);

  it('runs a strategy file of the user\'s own, outside any package, through the installed command', async () => {
    // No package.json with "type": "module" above it: Node's rules make the .ts file CommonJS, and its import of the SDK a require.
    const sdk = join(import.meta.dirname, '..', 'src', 'strategy', 'index.ts');
    const file = join(await tempDir('bourse-own-strategy-'), 'mine.ts');
    await writeFile(file, `import { defineStrategy } from ${JSON.stringify(sdk)};\nexport default defineStrategy({ name: 'mine', symbols: ['AAPL'], bars: ['1m'], async onBar(ctx, bar) { if (ctx.position(bar.symbol).qty === 0) await ctx.buy(bar.symbol, 1); } });\n`);
    const run = await runBourse(['backtest', file, '--symbol', 'AAPL', '--data-dir', dir], {}, { throughBin: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/orders accepted\s+1\b/);
  }, 60_000);

  it('refuses a file with no usable data (empty, no header, a missing column, only bad rows) with an error, not a summary of nothing', async () => {
    const files = {
      'empty.csv': '',
      'header-only.csv': 'time,open,high,low,close,volume\n',
      'no-close.csv': 'time,open,high,low,volume\n1704153600000,100,101,99,5\n',
      'all-bad.csv': 'time,open,high,low,close,volume\n1704153600000,100,99,101,100,5\n',
    };
    const expected = {
      'empty.csv': 'empty.csv line 1: the file is empty: expected a header row',
      'header-only.csv': 'header-only.csv has no usable 1m bars',
      'no-close.csv': 'no-close.csv line 1: missing column close',
      'all-bad.csv': 'all-bad.csv has no usable 1m bars (every row was bad: 1 skipped)',
    };
    for (const [name, text] of Object.entries(files)) {
      const file = join(dir, name);
      await writeFile(file, text);
      const run = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', file]);
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toContain(expected[name as keyof typeof expected]);
      expect(run.stderr, name).not.toContain('skipped line 1');
      expect(run.stdout, name).not.toContain('records');
    }
  }, 60_000);

  it('refuses a range with no stored data, and a reversed range before opening anything; so do optimize and export', async () => {
    const later = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--from', '2030-01-01']);
    expect(later.code).toBe(1);
    expect(later.stderr).toBe('error: the store has no 1m bars of AAPL in the range given by --from and --to; it holds them from 2020-01-01T00:00:00.000Z to 2020-01-03T01:59:00.000Z\n');
    expect(later.stdout).toBe('');
    const reversed = ['--from', '2020-02-01', '--to', '2020-01-01'];
    const refusal = 'error: --from must be before --to (--from 2020-02-01T00:00:00.000Z, --to 2020-01-01T00:00:00.000Z)\n';
    for (const args of [
      ['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, ...reversed],
      ['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=2,3', '--workers', '0', ...reversed],
      ['export', '--kind', 'bars', '--symbol', 'AAPL', '--interval', '1m', '--data-dir', dir, ...reversed],
    ]) {
      const run = await runBourse(args);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr, args[0]).toBe(refusal);
      expect(run.stdout, args[0]).toBe('');
    }
    const optimized = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=2,3', '--workers', '0', '--from', '2030-01-01']);
    expect(optimized.code).toBe(1);
    expect(optimized.stderr).toContain('the store has no 1m bars of AAPL in the range given by --from and --to');
  }, 240_000);

  it('says why it cannot read a --data path: a directory, or no such file; so does optimize, which reads it the same way', async () => {
    const folder = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(`error: --data ${dir} is a directory; give a CSV or JSON-lines file\n`);
    const missing = join(dir, 'nope.csv');
    const absent = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data', missing]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toBe(`error: cannot read --data ${missing}: no such file\n`);
    const optimized = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data', dir, '--param', 'fast=2,3', '--workers', '0']);
    expect(optimized.code).toBe(1);
    expect(optimized.stderr).toBe(`error: --data ${dir} is a directory; give a CSV or JSON-lines file\n`);
  }, 60_000);

  it('replays a recording on its own symbols without --symbol, and refuses a --symbol it does not hold', async () => {
    const markets = JSON.parse(await readFile(join(import.meta.dirname, '..', 'config', 'markets.json'), 'utf8')) as { assets: unknown[]; instruments: Array<{ symbol: string }> };
    const market = { assets: markets.assets, instruments: markets.instruments.filter((i) => i.symbol === 'AAPL') };
    const records = Array.from({ length: 50 }, (_, i) => JSON.stringify({ kind: 'trade', symbol: 'AAPL', ts: Date.UTC(2024, 0, 2) + i * 30_000, price: 19_000 + (i % 9), qty: 1 }));
    const recording = join(dir, 'market.jsonl');
    await writeFile(recording, [JSON.stringify({ bourseRecording: 1, market }), ...records].join('\n'));
    const run = await runBourse(['backtest', STRATEGY, '--replay', recording, '--param', 'fast=2', '--param', 'slow=5']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sma-crossover on AAPL {');
    expect(run.stdout).toMatch(/records\s+50/);
    const named = await runBourse(['backtest', STRATEGY, '--replay', recording, '--symbol', 'AAPL']);
    expect(named.stdout).toContain('sma-crossover on AAPL {');
    const other = await runBourse(['backtest', STRATEGY, '--replay', recording, '--symbol', 'MSFT']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`MSFT is not in the recording ${recording}, which has AAPL`);
    const none = await runBourse(['backtest', STRATEGY, '--data-dir', dir]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('name the symbol to trade with --symbol');
    // Options a replay would ignore are refused, not ignored.
    const ignored = await runBourse(['backtest', STRATEGY, '--replay', recording, '--fill-model', 'bar-path', '--from', '2024-01-02T00:10:00Z']);
    expect(ignored.code).toBe(1);
    expect(ignored.stderr).toContain('error: --replay replays the recording as it was recorded (its data and markets, with the book-replay model), so --from, --fill-model cannot be used with it');
  }, 60_000);

  it('refuses the bar-path fill model for trades, and bars the strategy does not listen to, as the REST API does; so does optimize', async () => {
    for (const command of ['backtest', 'optimize']) {
      const run = await runBourse([command, STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--kind', 'trades', '--fill-model', 'bar-path']);
      expect(run.code, command).toBe(1);
      expect(run.stderr).toContain('error: the bar-path fill model needs bars: use trade-through for trades (the default for --kind trades)');
      const daily = await runBourse([command, STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--interval', '1d', '--param', command === 'optimize' ? 'fast=5,10' : 'fast=5']);
      expect(daily.code, command).toBe(1);
      expect(daily.stderr).toContain('error: sma-crossover listens to 1m bars and the data is 1d bars, so its onBar would never run: give --interval 1m, or list "1d" in the strategy\'s bars');
    }
  }, 60_000);

  it('refuses --interval with trades, which it would not use; so does optimize, and optimize refuses --in-sample without --walk-forward and --samples without --method random', async () => {
    for (const command of ['backtest', 'optimize']) {
      const run = await runBourse([command, STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--kind', 'trades', '--interval', '5m']);
      expect({ code: run.code, stderr: run.stderr }, command).toEqual({ code: 1, stderr: "error: --interval is for --kind bars; with trades, the strategy's bars are built from the trades at the intervals it asks for\n" });
    }
    const inSample = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--in-sample', '0.5']);
    expect({ code: inSample.code, stderr: inSample.stderr }).toEqual({ code: 1, stderr: 'error: --in-sample is the share of each walk-forward window used to tune; give --walk-forward too\n' });
    const samples = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--samples', '5']);
    expect({ code: samples.code, stderr: samples.stderr }).toEqual({ code: 1, stderr: 'error: --samples is how many combinations a random search tries; give --method random too (a grid tries every one)\n' });
  }, 60_000);

  it('refuses a range for a backtest parameter, an unlisted symbol and an empty store, clearly', async () => {
    const range = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5:10']);
    expect(range.code).not.toBe(0);
    expect(range.stderr).toContain('a backtest takes one value per parameter');
    const unlisted = await runBourse(['backtest', STRATEGY, '--symbol', 'NOPE', '--data-dir', dir]);
    expect(unlisted.stderr).toContain('NOPE is not listed in the markets file');
    const empty = await runBourse(['backtest', STRATEGY, '--symbol', 'MSFT', '--data-dir', dir]);
    expect(empty.stderr).toContain('the store has no 1m bars of MSFT');
    const bogus = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5', '--param', 'bogus=3']);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain('bogus: not a param of sma-crossover (it has fast, slow, qty)');
    expect(bogus.stdout).toBe('');
    // --cash is read by the API's one decimal rule, so a leading zero is refused as the REST spec refuses it.
    const zeroLed = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--cash', '05000']);
    expect(zeroLed.code).toBe(1);
    expect(zeroLed.stderr).toBe("error: option '--cash <amount>' argument '05000' is invalid. --cash must be a positive plain decimal such as 10000 or 2500.50 (digits, no spaces, exponent or leading zeros)\n");
  }, 60_000);

  it('checks --param values against the strategy before reading any data, and refuses a parameter given twice', async () => {
    // The data file does not exist: each run stops at its params, before it would find that out.
    const data = ['--symbol', 'AAPL', '--data', join(dir, 'not-there.csv')];
    const notNumber = await runBourse(['backtest', STRATEGY, ...data, '--param', 'fast=abc']);
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toBe('error: invalid params for strategy sma-crossover:\n  - fast must be a number\n');
    const refused = await runBourse(['backtest', STRATEGY, ...data, '--param', 'fast=50']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('error: invalid params for strategy sma-crossover:\n  - fast must be shorter than slow\n');
    const twice = await runBourse(['backtest', STRATEGY, ...data, '--param', 'fast=5', '--param', 'fast=7']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe('error: --param fast is given twice (fast=5, then fast=7); give each parameter once\n');
    expect(twice.stdout).toBe('');
  }, 60_000);
});

describe('bourse optimize', () => {
  it('searches a grid on worker threads and ranks the runs', async () => {
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5:10:5', '--param', 'slow=20,30', '--objective', 'return', '--workers', '2', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { trials: Array<{ params: Record<string, number>; score: number }>; best: { params: Record<string, number> } };
    expect(result.trials).toHaveLength(4);
    expect(result.best.params).toEqual(result.trials[0]!.params);
  }, 120_000);

  it('shows the metric it ranks by in one column and names it once, whichever metric that is', async () => {
    const grid = ['--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--param', 'slow=20', '--workers', '0'];
    const sharpe = await runBourse(['optimize', STRATEGY, ...grid]);
    expect(sharpe.code).toBe(0);
    const lines = sharpe.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+params\s+return\s+Sharpe\s+max DD\s+trades\s+error$/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^ranked by Sharpe, best first; 2 runs in /);
    expect(sharpe.stdout.match(/sharpe/gi)).toHaveLength(2);
    const calmar = await runBourse(['optimize', STRATEGY, ...grid, '--objective', 'calmar']);
    expect(calmar.stdout.split('\n')[0]).toMatch(/^#\s+params\s+Calmar\s+return\s+Sharpe\s+max DD\s+trades\s+error$/);
    expect(calmar.stdout).toContain('ranked by Calmar, best first;');
    const walk = await runBourse(['optimize', STRATEGY, ...grid, '--objective', 'return', '--walk-forward', '2']);
    // Return scores read in percent, as the table's return column does, not as fractions rounded to 0.000.
    expect(walk.stdout).toMatch(/^return, mean in sample -?\d+\.\d\d%, out of sample -?\d+\.\d\d%;/m);
  }, 120_000);

  it('loads a .ts strategy from outside the package on worker threads, as the main process does', async () => {
    // A .ts file with no package.json "type" nearby is CommonJS by Node's rules; tsx must load it in workers too.
    const outside = await tempDir('bourse-outside-strategy-');
    const source = await readFile(STRATEGY, 'utf8');
    const sdk = join(import.meta.dirname, '..', 'src', 'strategy', 'index.ts');
    const file = join(outside, 'my-strat.ts');
    await writeFile(file, source.replace("'../src/strategy/index.ts'", JSON.stringify(sdk)));
    const run = await runBourse(['optimize', file, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=4,8', '--param', 'slow=10,30', '--workers', '2', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { trials: Array<{ error?: string }> };
    expect(result.trials).toHaveLength(4);
    expect(result.trials.filter((trial) => trial.error !== undefined)).toEqual([]);
  }, 120_000);

  it('ranks by a custom objective from a file, and says what is wrong with one that exports no function', async () => {
    const objective = join(dir, 'least-drawdown.ts');
    await writeFile(objective, 'export default (metrics: { maxDrawdown: number }) => -metrics.maxDrawdown;\n');
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--param', 'slow=20,30', '--objective', objective, '--workers', '0', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { trials: Array<{ score: number; metrics: { maxDrawdown: number } }> };
    expect(result.trials.map((t) => t.score)).toEqual(result.trials.map((t) => -t.metrics.maxDrawdown));
    expect(result.trials.map((t) => t.score)).toEqual([...result.trials.map((t) => t.score)].sort((a, b) => b - a));
    const table = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5', '--param', 'slow=20', '--objective', objective, '--workers', '0']);
    expect(table.stdout).toMatch(/#\s+params\s+objective\s+return/);
    expect(table.stdout).toContain('ranked by objective, best first;');

    const empty = join(dir, 'empty.ts');
    await writeFile(empty, 'export const nothing = 1;\n');
    const refused = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5', '--objective', empty]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('must export a function (metrics) => number');
    const unknown = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5', '--objective', 'luck']);
    expect(unknown.stderr).toContain('objective must be one of');
    const misspelt = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fats=2:4:2', '--workers', '0']);
    expect(misspelt.code).toBe(1);
    expect(misspelt.stderr).toContain('fats: not a param of sma-crossover (it has fast, slow, qty)');
    expect(misspelt.stdout).toBe('');
  }, 120_000);

  it('refuses a value no run could take, and a parameter given twice, before reading any data', async () => {
    const data = ['--symbol', 'AAPL', '--data', join(dir, 'not-there.csv'), '--workers', '0'];
    const bad = await runBourse(['optimize', STRATEGY, ...data, '--param', 'fast=abc,0,5']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: invalid params for strategy sma-crossover:\n  - fast must be a number (given "abc")\n  - fast must be at least 1 (given 0)\n');
    const twice = await runBourse(['optimize', STRATEGY, ...data, '--param', 'fast=5', '--param', 'fast=2:4']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe('error: --param fast is given twice (fast=5, then fast=2:4); give each parameter once\n');
    // fast=40 with slow's default of 30 breaks a rule across params: that combination is a run's error, not the whole search's.
    const ordered = await runBourse(['optimize', STRATEGY, ...data, '--param', 'fast=5,40']);
    expect(ordered.stderr).toBe(`error: cannot read --data ${join(dir, 'not-there.csv')}: no such file\n`);
  }, 60_000);

  it('marks the figures of a run that failed with the same dash as every other table', async () => {
    // fast=40 is not shorter than slow's default of 30: that run fails, and has no metrics to show.
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,40', '--workers', '0']);
    expect(run.code).toBe(0);
    // The error's details stay on the row (they were lines of their own under the table).
    expect(run.stdout).toMatch(/^2\s+\{"fast":40\}\s+—\s+—\s+—\s+—\s+invalid params for strategy sma-crossover: fast must be shorter than slow$/m);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(4);
    // The refused point did not run: it is not counted in the runs or their rate, but said to be skipped.
    expect(run.stdout).toMatch(/^ranked by Sharpe, best first; 1 run in .+ \(\d+\.\d\d runs\/s\); 1 point skipped as invalid params$/m);
  }, 120_000);

  it("says on a run's row which of its orders were refused, so a run that traded nothing is not taken for a quiet one", async () => {
    // AAPL trades in whole shares: a qty of 0.5 rounds to no lot, and every order is refused.
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'qty=0.5', '--param', 'fast=5,6', '--workers', '0']);
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => /^\d\s/.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/\s+orders refused: INVALID_QUANTITY \d+$/);
    const json = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'qty=0.5,1', '--param', 'fast=5', '--workers', '0', '--json']);
    const trials = (JSON.parse(json.stdout) as { trials: Array<{ params: { qty: number }; refused?: Record<string, number> }> }).trials;
    expect(trials.find((t) => t.params.qty === 0.5)?.refused?.INVALID_QUANTITY).toBeGreaterThan(0);
    expect(trials.find((t) => t.params.qty === 1)?.refused).toBeUndefined();
  }, 120_000);

  it('refuses a space above 10,000 points as the REST API does, before reading any data', async () => {
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data', join(dir, 'not-there.csv'), '--param', 'fast=1:100000:1', '--workers', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: the space has 100,000 points; search at most 10,000 (use --method random with --samples, or coarser steps)\n');
    expect(run.stdout).toBe('');
    // Sampling: the samples asked for are the runs, and the message says so rather than advising the option already given.
    const sampled = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data', join(dir, 'not-there.csv'), '--param', 'fast=1:100000:1', '--method', 'random', '--samples', '20000', '--workers', '0']);
    expect(sampled.stderr).toBe('error: --samples 20,000 is more runs than the 10,000 allowed; sample at most 10,000\n');
  }, 60_000);

  it('walks forward and reports each fold', async () => {
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--param', 'slow=20', '--walk-forward', '2', '--workers', '0']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/fold\s+in sample\s+out of sample/);
    expect(run.stdout).toMatch(/; walk-forward efficiency (-?\d+% \(near 100%: the edge holds out of sample; near 0 or below: overfit\)|— \((no in-sample edge|\d+ fold\(s\) without a score: a failed run, or a window too short for the objective)\))$/m);
    expect(run.stdout).not.toContain('undefined');
  }, 120_000);

  it('gives the walk-forward windows in --json as epoch-ms times of the data, as the REST API does, not as row numbers', async () => {
    // The same data's first and last record times, as a backtest of it reports them (a bar at its close).
    const backtest = await runBourse(['backtest', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--json']);
    expect(backtest.code).toBe(0);
    const { startTs, endTs } = JSON.parse(backtest.stdout) as { startTs: number; endTs: number };
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--param', 'slow=20', '--walk-forward', '3', '--workers', '0', '--json']);
    expect(run.code).toBe(0);
    type Window = { from: number; to: number };
    const { folds } = JSON.parse(run.stdout) as { folds: Array<{ inSample: Window; outOfSample: Window }> };
    expect(folds).toHaveLength(3);
    // From the first record to just after the last ([from, to) windows), each window where the one before ends.
    expect(folds[0]!.inSample.from).toBe(startTs);
    expect(folds.at(-1)!.outOfSample.to).toBe(endTs + 1);
    for (const [i, fold] of folds.entries()) {
      expect(fold.inSample.from).toBeLessThan(fold.inSample.to);
      expect(fold.inSample.to).toBe(fold.outOfSample.from);
      expect(fold.outOfSample.from).toBeLessThan(fold.outOfSample.to);
      if (i > 0) expect(fold.inSample.from).toBe(folds[i - 1]!.outOfSample.to);
    }
  }, 120_000);

  it('stops with the objective file and the run\'s params when a custom objective throws, rather than ranking the run last', async () => {
    const objective = join(dir, 'throwing-objective.ts');
    await writeFile(objective, 'export default (metrics: any) => metrics.nonexistent.foo;\n');
    const run = await runBourse(['optimize', STRATEGY, '--symbol', 'AAPL', '--data-dir', dir, '--param', 'fast=5,10', '--param', 'slow=20,30', '--objective', objective, '--workers', '0', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: the objective ${objective} threw on {"fast":5,"slow":20}: Cannot read properties of undefined (reading 'foo')\n`);
    expect(run.stdout).toBe('');
  }, 120_000);

  it('writes a missing walk-forward efficiency as the dash, with why, and explains only a figure', () => {
    expect(efficiencyText({ efficiency: 0.853, failedFolds: 0 })).toBe('85% (near 100%: the edge holds out of sample; near 0 or below: overfit)');
    expect(efficiencyText({ efficiency: null, failedFolds: 0 })).toBe('— (no in-sample edge)');
    expect(efficiencyText({ efficiency: null, failedFolds: 2 })).toBe('— (2 fold(s) without a score: a failed run, or a window too short for the objective)');
  });
});
