// Set-based writes: multi-row statements in power-of-two chunks, each shape compiled by Kysely once.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Parameters per statement stay below SQLite's limit (32,766) and far below PostgreSQL's (65,535);
 * rows per statement stay at most 256, where multi-row statements stop getting cheaper per row.
 */
const MAX_PARAMETERS = 32_000;
const MAX_ROWS = 256;

/**
 * One multi-row statement shape, run over any number of rows. Chunks are a power of two in size, so
 * a table needs at most log2(MAX_ROWS) + 1 distinct SQL texts: compiling each once skips Kysely's
 * query building on the hot path, and SQLite's statement cache then skips preparing them too.
 */
export class BulkStatement {
  private readonly texts = new Map<number, string>();
  private readonly maxRows: number;

  /** `build(n)` makes the statement for n rows whose parameters come row by row, `width` each. */
  constructor(
    private readonly width: number,
    private readonly build: (rows: number) => CompiledQuery,
  ) {
    this.maxRows = largestPowerOfTwo(Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / width)));
  }

  /** Runs the statement over `rows`; returns how many rows it changed (for an insert that ignores conflicts, the new ones). */
  async run(db: Kysely<Database>, rows: ReadonlyArray<readonly unknown[]>): Promise<number> {
    const width = this.width;
    let changed = 0;
    for (let start = 0; start < rows.length; ) {
      const count = Math.min(this.maxRows, largestPowerOfTwo(rows.length - start));
      const parameters: unknown[] = new Array(count * width);
      let k = 0;
      for (let i = start; i < start + count; i++) {
        const row = rows[i]!;
        for (let j = 0; j < width; j++) parameters[k++] = row[j];
      }
      const result = await db.executeQuery(CompiledQuery.raw(this.text(count), parameters));
      changed += Number(result.numAffectedRows ?? 0n);
      start += count;
    }
    return changed;
  }

  private text(rows: number): string {
    let text = this.texts.get(rows);
    if (text === undefined) {
      const compiled = this.build(rows);
      // The chunking above relies on it: a mismatch would silently shift every value by a column.
      if (compiled.parameters.length !== rows * this.width) throw new Error(`bulk statement for ${rows} rows has ${compiled.parameters.length} parameters, expected ${rows * this.width}`);
      text = compiled.sql;
      this.texts.set(rows, text);
    }
    return text;
  }
}

/** Insert of `columns` that leaves rows already present (by any unique key) as they are. */
export function bulkInsert<DB, T extends keyof DB & string>(db: Kysely<DB>, table: T, columns: ReadonlyArray<keyof DB[T] & string>): BulkStatement {
  const placeholder = Object.fromEntries(columns.map((column) => [column, 0]));
  return new BulkStatement(columns.length, (rows) =>
    db
      .insertInto(table)
      // The placeholder values only shape the SQL; the real parameters replace them per chunk.
      .values(Array.from({ length: rows }, () => placeholder) as never)
      .onConflict((oc) => oc.doNothing())
      .compile(),
  );
}

function largestPowerOfTwo(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
