// JSON lines, incrementally: one object per line, with every JSON number kept as its exact source text.

/** One object's fields (numbers as their source text), or why the line is not one. */
export type JsonlRecord = { readonly line: number; readonly fields: Readonly<Record<string, unknown>> } | { readonly line: number; readonly error: string };

/** Splits text arriving in chunks into lines and decodes each non-blank one as a JSON object. */
export class JsonlSplitter {
  private pending = '';
  private line = 0;

  push(chunk: string): JsonlRecord[] {
    const text = this.pending + chunk;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.pending = text;
      return [];
    }
    this.pending = text.slice(last + 1);
    return this.decode(text.slice(0, last).split('\n'));
  }

  end(): JsonlRecord[] {
    const text = this.pending;
    this.pending = '';
    return text === '' ? [] : this.decode([text]);
  }

  private decode(lines: readonly string[]): JsonlRecord[] {
    const out: JsonlRecord[] = [];
    for (const raw of lines) {
      this.line++;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim() === '') continue;
      out.push(decodeLine(text, this.line));
    }
    return out;
  }
}

function decodeLine(text: string, line: number): JsonlRecord {
  let value: unknown;
  try {
    value = JSON.parse(quoteNumbers(text));
  } catch {
    return { line, error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, error: 'not a JSON object' };
  return { line, fields: value as Record<string, unknown> };
}

/**
 * Wraps every number outside a string in quotes, so JSON.parse hands back "0.1000000000000000055"
 * as written instead of the nearest double. Outside strings a number is the only token starting
 * with a digit or '-'; text that is not JSON stays not JSON.
 */
export function quoteNumbers(text: string): string {
  let out = '';
  let copied = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && isNumberChar(text.charCodeAt(j))) j++;
      out += `${text.slice(copied, i)}"${text.slice(i, j)}"`;
      copied = j;
      i = j;
      continue;
    }
    i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Digits, '.', 'e', 'E', '+' and '-': the characters a JSON number continues with. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}
