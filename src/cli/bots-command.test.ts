// Tests for `bourse bots` option parsing: --symbols split on spaces and commas, and a symbol given twice refused.
import { describe, expect, it } from 'vitest';
import { runBourse } from '../../test/support/cli-run.ts';
import { symbolList } from './bots-command.ts';

describe('bots --symbols', () => {
  it('takes symbols separated by spaces or commas', () => {
    expect(symbolList('AAPL,MSFT', undefined)).toEqual(['AAPL', 'MSFT']);
    expect(symbolList('MSFT', ['AAPL'])).toEqual(['AAPL', 'MSFT']);
    expect(symbolList('AAPL, MSFT,', undefined)).toEqual(['AAPL', 'MSFT']);
  });

  it('refuses a symbol given twice, before anything is sent', async () => {
    expect(() => symbolList('AAPL', ['AAPL'])).toThrow('AAPL is given twice; give each symbol once');
    const run = await runBourse(['bots', 'create', 'twins', '--strategy', 'noise', '--symbols', 'AAPL,AAPL', '--url', 'http://127.0.0.1:1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: option '--symbols <symbols...>' argument 'AAPL,AAPL' is invalid. AAPL is given twice; give each symbol once\n");
  }, 60_000);
});
