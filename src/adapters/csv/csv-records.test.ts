// Tests for the incremental RFC 4180 splitter: quoting, CRLF, chunk boundaries, bad records, and write-then-read round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, csvLine, MAX_RECORD_CHARS, type CsvRecord } from './csv-records.ts';

function split(chunks: readonly string[]): CsvRecord[] {
  const splitter = new CsvSplitter();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

/** Cuts `text` at the given fractions of its length. */
function cut(text: string, points: readonly number[]): string[] {
  const at = [...new Set(points.map((p) => Math.floor(p * text.length)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
}

describe('CsvSplitter', () => {
  it('reads quoted fields, doubled quotes, embedded breaks and CRLF, with the line each record starts on', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\n\n3,,\n';
    expect(split([text])).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\r\nlines', 'z'] },
      { line: 6, fields: ['3', '', ''] },
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'a,b\r\n"q""",2\r\n"x\ny",3\n4,5';
    const whole = split([text]);
    for (let i = 0; i <= text.length; i++) expect(split([text.slice(0, i), text.slice(i)])).toEqual(whole);
    expect(split([...text])).toEqual(whole);
  });

  it('gives up on a quote left open after a long stretch and goes on from the next line', () => {
    const splitter = new CsvSplitter();
    const body = `a,"open quote\n${'x,1\n'.repeat(MAX_RECORD_CHARS / 4 + 10)}`;
    const records: CsvRecord[] = [];
    const take = (batch: CsvRecord[]) => batch.forEach((record) => records.push(record));
    for (let at = 0; at < body.length; at += 65_536) take(splitter.push(body.slice(at, at + 65_536)));
    take(splitter.end());
    expect(records[0]).toMatchObject({ line: 1, error: expect.stringContaining('a quote never closed') as unknown });
    expect(records[1]).toEqual({ line: 2, fields: ['x', '1'] });
    expect(records.filter((r) => 'fields' in r).length).toBe(MAX_RECORD_CHARS / 4 + 10);
  });

  it('reports a malformed record with its line and goes on', () => {
    expect(split(['a,b\n"x"y,1\n2,3\n"open,4\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'unexpected text after a closing quote' },
      { line: 3, fields: ['2', '3'] },
      { line: 4, error: 'a quoted field is never closed' },
    ]);
  });

  it('reads back what csvLine writes, for any fields and any chunking', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '"', '\r', '\n', ' ', 'é', '😀') });
    const rows = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (records, points) => {
        const text = records.map(csvLine).join('');
        const parsed = split(cut(text, points));
        expect(parsed.map((record) => ('fields' in record ? record.fields : record))).toEqual(records);
      }),
    );
  });
});
