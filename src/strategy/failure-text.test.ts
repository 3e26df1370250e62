// Tests for the one-line report of a strategy's failure.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureText, thrownAt } from './failure-text.ts';

const own = fileURLToPath(new URL('./runtime.ts', import.meta.url));

/** An Error whose stack reads as thrown through these frames. */
function thrownThrough(...frames: string[]): Error {
  const error = new Error('boom');
  error.stack = ['Error: boom', ...frames.map((frame) => `    at ${frame}`)].join('\n');
  return error;
}

describe('failureText', () => {
  it('names the first frame in the strategy’s own file, past Bourse’s sources and packages', () => {
    const error = thrownThrough(`StrategyRunner.handle (${own}:10:5)`, '/opt/user/node_modules/lib/index.js:1:1', 'Object.onBar (/opt/user/strategies/mine.ts:23:11)', `${own}:40:2`);
    expect(thrownAt(error)).toBe('/opt/user/strategies/mine.ts:23:11');
    expect(failureText('onBar', error)).toBe('onBar: boom (at /opt/user/strategies/mine.ts:23:11)');
  });

  it('reads file URLs, and shows a file under the working directory by its relative path', () => {
    const file = `${process.cwd()}/examples/mine.ts`;
    expect(thrownAt(thrownThrough(`onBar (file://${file}:3:9)`))).toBe('examples/mine.ts:3:9');
  });

  it('says only the handler and message when no frame is the strategy’s: a built-in one, or a thrown value', () => {
    expect(failureText('onTrade', thrownThrough(`onTrade (${own}:5:1)`))).toBe('onTrade: boom');
    // Node's own frames are no file of the strategy's, whatever their path looks like.
    expect(failureText('onTimer', thrownThrough(`onTimer (${own}:5:1)`, 'listOnTimeout (node:internal/timers:581:17)', 'process.processTicksAndRejections (node:internal/process/task_queues:95:5)'))).toBe('onTimer: boom');
    expect(failureText('onStart', 'no')).toBe('onStart: no');
  });
});
