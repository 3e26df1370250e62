// Tests for loadStrategy: TypeScript strategy files load by path; anything else fails with a message that says what is wrong.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteTempDir } from '../journal/test-support.ts';
import { loadStrategy, StrategyLoadError } from './load-strategy.ts';

const dir = suiteTempDir('bourse-strategy-');

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('loadStrategy', () => {
  it('loads the examples (TypeScript) and returns their definitions', async () => {
    const sma = await loadStrategy(resolve(import.meta.dirname, '../../examples/sma-crossover.ts'));
    expect(sma.name).toBe('sma-crossover');
    expect(sma.bars).toEqual(['1m']);
    const meanReversion = await loadStrategy(resolve(import.meta.dirname, '../../examples/mean-reversion.ts'));
    expect(meanReversion.name).toBe('mean-reversion');
  });

  it('says when the file is missing', async () => {
    await expect(loadStrategy(join(dir, 'absent.ts'))).rejects.toThrow(/absent\.ts: no such file/);
  });

  it('says when there is no default export', async () => {
    const path = await file('named.ts', 'export const strategy = { name: "x" };\n');
    await expect(loadStrategy(path)).rejects.toThrow(/no default export; end it with `export default defineStrategy/);
  });

  it('says what the default export is when it is not a definition', async () => {
    const path = await file('plain.ts', 'export default { name: "x", onBar() {} };\n');
    const error = await loadStrategy(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrategyLoadError);
    expect(String(error)).toMatch(/default export is an object with keys name, onBar, not a strategy made with defineStrategy/);
  });

  it('reports a file that fails while importing, with the cause', async () => {
    const path = await file('throws.ts', 'throw new Error("broken at import");\nexport default 1;\n');
    const error = (await loadStrategy(path).catch((e: unknown) => e)) as StrategyLoadError;
    expect(error.message).toMatch(/importing it failed: broken at import/);
    expect(error.cause).toBeInstanceOf(Error);
  });
});
