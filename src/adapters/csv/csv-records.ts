// RFC 4180 CSV, incrementally: records split from text arriving in chunks (quoted fields, doubled quotes, CRLF), and their writing.

/** One record and the line it starts on (1-based), or why the text there is not CSV. */
export type CsvRecord = { readonly line: number; readonly fields: string[] } | { readonly line: number; readonly error: string };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Splits CSV text into records as it arrives. A record may span chunks (and lines, inside quotes):
 * the unfinished tail of a chunk is kept and parsed again with the next one. Blank lines are
 * skipped. A malformed record (a stray character after a closing quote, a quote never closed) is
 * reported with its line and skipped up to the next line, and splitting goes on.
 */
export class CsvSplitter {
  private pending = '';
  private line = 1;

  /** Records completed by this chunk. */
  push(chunk: string): CsvRecord[] {
    return this.drain(this.pending + chunk, false);
  }

  /** Whatever the last chunk left unfinished. */
  end(): CsvRecord[] {
    const text = this.pending;
    this.pending = '';
    return this.drain(text, true);
  }

  private drain(text: string, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let start = 0;
    while (start < text.length) {
      const record = parseRecord(text, start, final);
      if (record === undefined) {
        // A quote that never closes would otherwise hold the rest of the file as one record.
        if (text.length - start <= MAX_RECORD_CHARS) break;
        const lf = text.indexOf('\n', start);
        out.push({ line: this.line, error: `a record runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters (a quote never closed?); the line is skipped` });
        this.line += 1;
        start = lf < 0 ? text.length : lf + 1;
        continue;
      }
      if (record.error !== undefined) out.push({ line: this.line, error: record.error });
      else if (!(record.fields.length === 1 && record.fields[0] === '' && !record.quoted)) out.push({ line: this.line, fields: record.fields });
      this.line += record.lines;
      start = record.next;
    }
    this.pending = text.slice(start);
    return out;
  }
}

/** The longest record read; longer is taken for a quote left open. */
export const MAX_RECORD_CHARS = 1 << 20;

interface Parsed {
  readonly fields: string[];
  readonly error?: string;
  /** Whether any field was quoted: `""` alone on a line is a record of one empty field, not a blank line. */
  readonly quoted: boolean;
  /** Line breaks consumed, the terminating one included. */
  readonly lines: number;
  readonly next: number;
}

/** The record starting at `start`, or undefined when the text ends before it does and more may come. */
function parseRecord(text: string, start: number, final: boolean): Parsed | undefined {
  const fields: string[] = [];
  const n = text.length;
  let i = start;
  let lines = 0;
  let quoted = false;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      quoted = true;
      value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) {
          if (!final) return undefined;
          return { fields, error: 'a quoted field is never closed', quoted, lines: lines + countBreaks(text, from, n), next: n };
        }
        lines += countBreaks(text, from, close);
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        // A quote at the very end of a chunk may be the first half of a doubled quote.
        if (close + 1 === n && !final) return undefined;
        i = close + 1;
        break;
      }
      const after = text.charCodeAt(i);
      if (i < n && after !== COMMA && after !== LF && after !== CR) {
        const skip = skipLine(text, i, final);
        if (skip === undefined) return undefined;
        return { fields, error: 'unexpected text after a closing quote', quoted, lines: lines + skip.lines, next: skip.next };
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= n) return final ? { fields, quoted, lines, next: n } : undefined;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      // A trailing comma at the end of all input still ends with one empty field.
      if (i >= n && final) return { fields: [...fields, ''], quoted, lines, next: n };
      if (i >= n) return undefined;
      continue;
    }
    if (c === CR) {
      // CR may be the first half of CRLF split across chunks.
      if (i + 1 >= n && !final) return undefined;
      return { fields, quoted, lines: lines + 1, next: text.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
    }
    return { fields, quoted, lines: lines + 1, next: i + 1 };
  }
}

function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

function skipLine(text: string, from: number, final: boolean): { lines: number; next: number } | undefined {
  const lf = text.indexOf('\n', from);
  if (lf >= 0) return { lines: 1, next: lf + 1 };
  return final ? { lines: 0, next: text.length } : undefined;
}

/** One field as CSV: quoted when it holds a comma, quote or line break, or is the only, empty field. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record as a CSV line ending in "\n". A lone empty field is written `""` so it does not read back as a blank line. */
export function csvLine(fields: readonly string[]): string {
  if (fields.length === 1 && fields[0] === '') return '""\n';
  return `${fields.map(csvField).join(',')}\n`;
}
