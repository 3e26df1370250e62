// Measures importing historical trades into a SQLite file: bulk inserts alone, and CSV parsing plus inserts.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HistoryParser, HistoryWriter } from '../adapters/csv/index.ts';
import { syntheticTrades } from '../backtest/synthetic.ts';
import type { HistoryTrade } from '../core/market-history.ts';
import { suiteTempDir } from '../journal/test-support.ts';
import { openStore } from './database.ts';
import { MarketHistoryRepo } from './market-history.ts';

/** BOURSE_STORE_BENCH=1 measures two million trades; the default is a quick run that checks counts and prints its rate. */
const COUNT = process.env.BOURSE_STORE_BENCH === '1' ? 2_000_000 : 100_000;
const BATCH = 10_000;
const OPTIONS = { seed: 11, startTime: 1_700_000_000_000, startPrice: '65000', tickSize: '0.01', lotSize: '0.0001', drift: 0, volatility: 0.6, meanTradeGapMs: 50 };

const dir = suiteTempDir('bourse-history-rate-');

function report(what: string, rows: number, started: number, cpu: NodeJS.CpuUsage): void {
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`${what}: ${rows} trades in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s (${Math.round(rows / ((used.user + used.system) / 1e6))} per CPU second)`);
}

it(`imports ${COUNT} trades into a SQLite file`, async () => {
  const trades = [...syntheticTrades(OPTIONS, COUNT)];
  const writer = new HistoryWriter('trades', 'csv');
  const csv: string[] = [writer.header()];
  for (let i = 0; i < trades.length; i += BATCH) csv.push(writer.lines(trades.slice(i, i + BATCH)));
  const store = await openStore({ sqlitePath: join(dir, 'rate.sqlite') });
  const history = new MarketHistoryRepo(store.db);
  try {
    let cpu = process.cpuUsage();
    let started = performance.now();
    let inserted = 0;
    for (let i = 0; i < trades.length; i += BATCH) inserted += await history.insert('trades', { symbol: 'BULK' }, trades.slice(i, i + BATCH), 'rate');
    report('inserts', inserted, started, cpu);
    expect(inserted).toBe(COUNT);

    cpu = process.cpuUsage();
    started = performance.now();
    const parser = new HistoryParser('trades', { format: 'csv' });
    let batch: HistoryTrade[] = [];
    inserted = 0;
    for (const chunk of [...csv, null]) {
      for (const row of chunk === null ? parser.end() : parser.push(chunk)) if ('record' in row) batch.push(row.record);
      if (batch.length >= BATCH || chunk === null) {
        inserted += await history.insert('trades', { symbol: 'PARSED' }, batch, 'rate');
        batch = [];
      }
    }
    report('CSV parsed and inserted', inserted, started, cpu);
    expect(inserted).toBe(COUNT);
  } finally {
    await store.close();
  }
});
