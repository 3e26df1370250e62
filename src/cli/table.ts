// Plain-text tables for the CLI: columns padded to their widest cell, text left-aligned and figures right-aligned.

/** The lines of a table; columns listed in `left` are left-aligned (names), the others right-aligned (figures). */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, left: readonly number[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (left.includes(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
