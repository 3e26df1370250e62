// Tests for CLI progress: a redrawn bar with an ETA on a terminal, sparse plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { Progress } from './progress.ts';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = { isTTY, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('Progress', () => {
  it('draws a bar with percent and ETA on a terminal, at most every 100 ms, and clears it at the end', () => {
    const stream = fakeStream(true);
    const clock = { now: 0 };
    const progress = new Progress('importing a.csv', 1_000, { unit: 'bytes', stream, now: () => clock.now });
    clock.now = 2_000;
    progress.update(250, '10 rows');
    expect(stream.text).toBe(`\rimporting a.csv [${'#'.repeat(8)}${'.'.repeat(22)}]  25.0% ETA 6.0 s  10 rows\x1b[K`);
    clock.now = 2_050;
    progress.update(300);
    expect(stream.text.split('\r').length).toBe(2);
    progress.done();
    expect(stream.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('prints plain lines every period elsewhere, none for a short job', () => {
    const stream = fakeStream(false);
    const clock = { now: 0 };
    const progress = new Progress('generating', 1_000_000, { unit: 'rows', stream, now: () => clock.now, plainEveryMs: 5_000 });
    for (clock.now = 0; clock.now < 5_000; clock.now += 1_000) progress.update(clock.now * 10);
    expect(stream.text).toBe('');
    for (; clock.now <= 20_000; clock.now += 1_000) progress.update(clock.now * 10);
    expect(stream.text.split('\n').filter(Boolean)).toEqual([
      'generating: 5.0% of 1,000,000 rows, ETA 95 s',
      'generating: 10.0% of 1,000,000 rows, ETA 90 s',
      'generating: 15.0% of 1,000,000 rows, ETA 85 s',
      'generating: 20.0% of 1,000,000 rows, ETA 80 s',
    ]);
    progress.done();
    expect(stream.text.endsWith('\n')).toBe(true);
  });

  it('names what it counts: runs of an optimization, bytes of a file', () => {
    const stream = fakeStream(false);
    const clock = { now: 0 };
    const progress = new Progress('walk-forward 4 folds', 40, { unit: 'runs', stream, now: () => clock.now, plainEveryMs: 5_000 });
    progress.update(0);
    clock.now = 5_000;
    progress.update(30, 'fold 4 of 4');
    expect(stream.text).toBe('walk-forward 4 folds: 75.0% of 40 runs, ETA 1.6 s, fold 4 of 4\n');
    const file = fakeStream(false);
    const reading = new Progress('importing a.csv', 3 * 1024 ** 2, { unit: 'bytes', stream: file, now: () => clock.now, plainEveryMs: 5_000 });
    reading.update(0);
    clock.now = 10_000;
    reading.update(1024 ** 2);
    expect(file.text).toBe('importing a.csv: 33.3% of 3.0 MiB, ETA 10 s\n');
  });

  it('writes the ETA as every duration the CLI and the dashboard show is written', () => {
    const stream = fakeStream(false);
    const clock = { now: 0 };
    const progress = new Progress('optimize 100 runs', 100, { unit: 'runs', stream, now: () => clock.now, plainEveryMs: 1_000 });
    progress.update(0);
    clock.now = 3_600_000;
    progress.update(25);
    expect(stream.text).toBe('optimize 100 runs: 25.0% of 100 runs, ETA 3 h\n');
  });
});
