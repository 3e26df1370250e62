// Tests for the history parsers: column aliases, timestamps, exact decimals, bad rows with lines and reasons, ordering, JSON lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryTrade } from '../../core/market-history.ts';
import { parseTime } from './fields.ts';
import { parseHistory, parseHistoryText, type ParsedRow } from './parse.ts';
import { HistoryWriter } from './write.ts';

const T = Date.UTC(2024, 0, 2, 3, 4, 5);

function errors(rows: readonly ParsedRow<never>[] | readonly { line: number; error?: string }[]): string[] {
  return rows.flatMap((row) => ('error' in row && row.error !== undefined ? [`line ${row.line}: ${row.error}`] : []));
}

function records<R>(rows: ReadonlyArray<{ record: R } | { error: string }>): R[] {
  return rows.flatMap((row) => ('record' in row ? [row.record] : []));
}

describe('parseTime', () => {
  it('reads epoch seconds, milliseconds, micro- and nanoseconds by magnitude, and ISO 8601', () => {
    for (const text of [String(T / 1000), String(T), `${T}000`, `${T}000000`, '2024-01-02T03:04:05Z', '2024-01-02 03:04:05', '2024-01-02T05:04:05+02:00', '2024-01-01T22:04:05-0500']) {
      expect(parseTime(text), text).toEqual({ ok: true, value: T });
    }
    expect(parseTime('1704164645.5')).toEqual({ ok: true, value: T + 500 });
    expect(parseTime('2024-01-02T03:04:05.123456Z')).toEqual({ ok: true, value: T + 123 });
    expect(parseTime('2024-01-02')).toEqual({ ok: true, value: Date.UTC(2024, 0, 2) });
    expect(parseTime('1704164645', 'ms')).toEqual({ ok: true, value: 1704164645 });
  });

  it('explains what is not a time', () => {
    expect(parseTime('yesterday')).toEqual({ ok: false, reason: 'time yesterday is not an epoch time or ISO 8601' });
    expect(parseTime('2024-02-30')).toEqual({ ok: false, reason: 'time 2024-02-30 is not a valid date and time' });
    expect(parseTime('1969-12-31T23:00:00Z')).toEqual({ ok: false, reason: 'time 1969-12-31T23:00:00Z is before 1970' });
  });
});

describe('bars', () => {
  it('reads a CSV with aliased, reordered, case-blind headers, keeping decimals exact and canonical', () => {
    const text = 'Timestamp,O,H,L,C,Vol\n2024-01-02T00:00:00Z,100.10,101.000,99.5,100.2,0012.50\n2024-01-02T00:01:00Z,100.2,100.2,100.2,100.2,\n';
    const rows = parseHistoryText('bars', text, { format: 'csv' });
    expect(errors(rows)).toEqual([]);
    expect(records(rows)).toEqual([
      { openTime: Date.UTC(2024, 0, 2), open: '100.1', high: '101', low: '99.5', close: '100.2', volume: '12.5' },
      { openTime: Date.UTC(2024, 0, 2, 0, 1), open: '100.2', high: '100.2', low: '100.2', close: '100.2', volume: '0' },
    ]);
  });

  it('reports every bad row with its line and reason, and keeps the good ones', () => {
    const text = [
      'time,open,high,low,close,volume',
      '1700000000000,100,101,99,100,5',
      '1700000060000,100,99.5,100,100,5',
      '1700000120000,100,101,99,abc,5',
      '1700000180000,100,101,99,,5',
      '1699999990000,100,101,99,100,5',
      '1700000240000,100,101,99,102,5',
      '1700000300000,100,101',
      '1700000360000,100,101,99,100,-1',
      '1700000420000,100,101,99,100,1e3',
      '1700000480000,0,101,0,100,1',
      '1700000540000,100,101,99,100,5',
    ].join('\n');
    const rows = parseHistoryText('bars', text, { format: 'csv' });
    expect(errors(rows)).toEqual([
      'line 3: high 99.5 is below low 100',
      'line 4: close abc is not a plain non-negative decimal',
      'line 5: missing close',
      "line 6: time 2023-11-14T22:13:10.000Z is before the previous row's: rows must be in time order",
      'line 7: close 102 is above high 101',
      'line 8: 3 fields, expected at least 6',
      'line 9: volume -1 is not a plain non-negative decimal',
      'line 10: volume 1e3 is not a plain non-negative decimal',
      'line 11: open must be above 0',
    ]);
    expect(records(rows).map((bar) => bar.openTime)).toEqual([1700000000000, 1700000540000]);
  });

  it('stops at a header row that is not valid CSV, rather than reading the next row as the header', () => {
    expect(parseHistoryText('trades', '"time"x,price,qty\n2024-01-02,1,1\n2024-01-03,1,1\n', { format: 'csv' })).toEqual([{ line: 1, error: 'the header row is not valid CSV: unexpected text after a closing quote', fatal: true }]);
    // A JSON-lines file read as CSV says the same of its first line, not that the file is empty.
    const jsonl = '{"time":1577836800000,"price":"65000","qty":"0.5"}\n{"time":1577836801000,"price":"65001","qty":"0.5"}\n';
    const rows = parseHistoryText('trades', jsonl, { format: 'csv' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 1, fatal: true });
    expect(errors(rows)[0]).toMatch(/^line 1: the header row is not valid CSV: /);
  });

  it('says when a decimal has more digits than a record reads, rather than calling it not a decimal', () => {
    const text = ['time,price,qty', '1700000000000,0.0000000000000000001,1', '1700000060000,100,123456789012345678901', '1700000120000,100,1'].join('\n');
    expect(errors(parseHistoryText('trades', text, { format: 'csv' }))).toEqual([
      'line 2: price 0.0000000000000000001 has 19 decimal places; at most 18 are read',
      'line 3: qty 123456789012345678901 has 21 digits before the point; at most 20 are read',
    ]);
  });

  it('stops at a header without a required column', () => {
    const rows = parseHistoryText('bars', 'time,open,high,low\n1,2,3,1\n', { format: 'csv' });
    expect(rows).toEqual([{ line: 1, error: 'missing column close (the header has "time", "open", "high", "low")', fatal: true }]);
    expect(parseHistoryText('bars', '', { format: 'csv' })).toEqual([{ line: 1, error: 'the file is empty: expected a header row', fatal: true }]);
  });

  it('refuses two bars at the same time', () => {
    const rows = parseHistoryText('bars', 'ts,open,high,low,close\n1700000000,1,1,1,1\n1700000000,1,1,1,1\n', { format: 'csv' });
    expect(errors(rows)).toEqual(["line 3: time 2023-11-14T22:13:20.000Z is the same as the previous row's: rows must be in time order"]);
  });
});

describe('trades', () => {
  it('numbers trades sharing a millisecond, reads sides and buyer-maker flags', () => {
    const text = 'time,price,size,side\n1000000000000,10,1,BUY\n1000000000000,10.5,2,s\n1000000000001,11,3,\n';
    expect(records(parseHistoryText('trades', text, { format: 'csv' }))).toEqual([
      { ts: 1000000000000, seq: 0, price: '10', qty: '1', side: 'buy' },
      { ts: 1000000000000, seq: 1, price: '10.5', qty: '2', side: 'sell' },
      { ts: 1000000000001, seq: 0, price: '11', qty: '3', side: null },
    ]);
    const binance = '{"T":1000000000000,"p":"10.00","q":"1","m":true}\n{"T":1000000000001,"p":"10","q":"1","m":false}\n';
    expect(records(parseHistoryText('trades', binance, { format: 'jsonl' })).map((trade) => trade.side)).toEqual(['sell', 'buy']);
  });

  it('keeps JSON numbers exactly as written, and reports bad lines', () => {
    const text = '{"ts": 1700000000000, "price": 0.100000000000000005, "qty": 12345678901234567.5}\r\n\nnot json\n[1,2]\n{"ts":1700000000001,"price":{"x":1},"qty":1}\n{"ts":1700000000002,"price":"-1","qty":1}';
    const rows = parseHistoryText('trades', text, { format: 'jsonl' });
    expect(records(rows)).toEqual([{ ts: 1700000000000, seq: 0, price: '0.100000000000000005', qty: '12345678901234567.5', side: null }]);
    expect(errors(rows)).toEqual(['line 3: not valid JSON', 'line 4: not a JSON object', 'line 5: price is not a number or string', 'line 6: price -1 is not a plain non-negative decimal']);
  });

  it('parses the same rows whatever chunks the file arrives in', async () => {
    const text = '\ufefftime,price,qty\n1700000000000,1.5,2\n1700000000000,1.25,"3"\r\n1700000000500,2,1\n';
    const whole = parseHistoryText('trades', text, { format: 'csv' });
    expect(records(whole)).toHaveLength(3);
    const chunked: unknown[] = [];
    for await (const batch of parseHistory('trades', [...text], { format: 'csv' })) chunked.push(...batch);
    expect(chunked).toEqual(whole);
  });

  it('round-trips any trades through the writer, in both formats', () => {
    const decimal = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }), fc.integer({ min: 0, max: 12 })).map(([digits, scale]) => {
      const text = digits.toString().padStart(scale + 1, '0');
      return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, '');
    });
    const trade = fc.record({ gap: fc.integer({ min: 0, max: 3 }), price: decimal, qty: decimal, side: fc.constantFrom('buy' as const, 'sell' as const, null) });
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 30 }), fc.constantFrom('csv' as const, 'jsonl' as const), (items, format) => {
        let ts = 1_600_000_000_000;
        let seq = -1;
        const trades: HistoryTrade[] = items.map(({ gap, price, qty, side }, i) => {
          seq = gap === 0 && i > 0 ? seq + 1 : 0;
          ts += gap;
          return { ts, seq, price, qty, side };
        });
        const writer = new HistoryWriter('trades', format);
        const rows = parseHistoryText('trades', writer.header() + writer.lines(trades), { format });
        expect(errors(rows)).toEqual([]);
        expect(records(rows)).toEqual(trades);
      }),
    );
  });
});

describe('quotes', () => {
  it('reads bid and ask columns by their usual names and refuses a crossed book', () => {
    const text = 'date,bid,bid size,ask,ask_size\n2024-01-02,99.9,10,100.1,5\n2024-01-03,100,1,100,1\n2024-01-04,101,1,100,1\n';
    const rows = parseHistoryText('quotes', text, { format: 'csv' });
    expect(records(rows)).toEqual([
      { ts: Date.UTC(2024, 0, 2), seq: 0, bidPrice: '99.9', bidQty: '10', askPrice: '100.1', askQty: '5' },
      { ts: Date.UTC(2024, 0, 3), seq: 0, bidPrice: '100', bidQty: '1', askPrice: '100', askQty: '1' },
    ]);
    expect(errors(rows)).toEqual(['line 4: bid_price 101 is above ask_price 100']);
  });
});
