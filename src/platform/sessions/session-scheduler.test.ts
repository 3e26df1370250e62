// The session scheduler: each symbol's session ends once per close, on weekdays only where asked, exactly across daylight saving, closes missed while down end once, and the timer stops.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../core/events.ts';
import { QuietLogger } from '../risk/risk-test-support.ts';
import type { SessionClose } from '../../core/session-close.ts';
import { SessionScheduler } from './session-scheduler.ts';

const US_STOCKS: SessionClose = { close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** A scheduler over AAPL (US stocks) and BTC-USD (the default, midnight UTC) on a hand-moved clock, recording each session it ends. */
function scheduler(options: { now?: number; nothingToEnd?: boolean; refuse?: boolean } = {}) {
  let now = options.now ?? 0;
  const ended: Array<[string, string]> = [];
  const logger = new QuietLogger();
  const sessions = new SessionScheduler({
    closes: { AAPL: US_STOCKS },
    endSession: (symbol, ts) => {
      if (options.refuse) throw new Error('the exchange is shutting down');
      if (options.nothingToEnd) return undefined;
      ended.push([symbol, iso(ts)]);
      const expired = { type: 'OrderExpired' } as EngineEvent;
      return Promise.resolve([expired, expired]);
    },
    clock: () => now,
    logger,
  });
  return { sessions, ended, logger, setNow: (t: number) => (now = t) };
}

let stopAll: Array<() => void> = [];
afterEach(() => {
  for (const stop of stopAll) stop();
  stopAll = [];
});

describe('SessionScheduler', () => {
  it('ends each session once at its close, and again only at the next close', async () => {
    const { sessions, ended, logger } = scheduler();
    sessions.track(['AAPL', 'BTC-USD'], at('2026-01-05T12:00:00Z'));
    expect(sessions.isDue(at('2026-01-05T20:59:59.999Z'))).toBe(false);
    await sessions.endDue(at('2026-01-05T20:59:59.999Z'));
    expect(ended).toEqual([]);
    await sessions.endDue(at('2026-01-05T21:00:00Z'));
    await sessions.endDue(at('2026-01-05T21:00:00Z'));
    await sessions.endDue(at('2026-01-05T23:00:00Z'));
    expect(ended).toEqual([['AAPL', '2026-01-05T21:00:00.000Z']]);
    await sessions.endDue(at('2026-01-06T00:00:00.500Z'));
    expect(ended.at(-1)).toEqual(['BTC-USD', '2026-01-06T00:00:00.500Z']);
    expect(logger.lines.at(-1)).toEqual({ details: { symbol: 'BTC-USD', close: '2026-01-06T00:00:00.000Z', expired: 2 }, message: 'the trading session of BTC-USD closed: its day orders expired' });
    expect(logger.errors).toEqual([]);
  });

  it('ends no US session at the weekend, and ends them at 21:00 UTC before the March change and 20:00 UTC after', async () => {
    const { sessions, ended } = scheduler();
    sessions.track(['AAPL'], at('2026-03-05T12:00:00Z'));
    // Every five minutes from Thursday to Tuesday.
    for (let t = at('2026-03-05T12:00:00Z'); t <= at('2026-03-10T23:00:00Z'); t += 300_000) await sessions.endDue(t);
    expect(ended).toEqual([
      ['AAPL', '2026-03-05T21:00:00.000Z'],
      ['AAPL', '2026-03-06T21:00:00.000Z'],
      ['AAPL', '2026-03-09T20:00:00.000Z'],
      ['AAPL', '2026-03-10T20:00:00.000Z'],
    ]);
  });

  it('after a restart ends once every session that closed since the last command, and none that did not', async () => {
    const { sessions, ended } = scheduler();
    // The last command was Friday 15:00 New York; the exchange starts again on Tuesday morning.
    sessions.track(['AAPL', 'BTC-USD'], at('2026-01-09T20:00:00Z'));
    await sessions.endDue(at('2026-01-13T14:00:00Z'));
    expect(ended).toEqual([
      ['AAPL', '2026-01-13T14:00:00.000Z'],
      ['BTC-USD', '2026-01-13T14:00:00.000Z'],
    ]);
    expect(sessions.view('AAPL', at('2026-01-13T14:00:00Z')).nextClose).toBe(at('2026-01-13T21:00:00Z'));

    const { sessions: fresh, ended: none } = scheduler();
    // The last command came after Monday's close: nothing closed since.
    fresh.track(['AAPL'], at('2026-01-12T21:00:00Z'));
    await fresh.endDue(at('2026-01-13T14:00:00Z'));
    expect(none).toEqual([]);
  });

  it('logs nothing when a session has nothing to end, and an error when it cannot be ended', async () => {
    const quiet = scheduler({ nothingToEnd: true });
    quiet.sessions.track(['AAPL'], at('2026-01-05T12:00:00Z'));
    await quiet.sessions.endDue(at('2026-01-06T12:00:00Z'));
    expect([quiet.logger.lines, quiet.logger.errors]).toEqual([[], []]);

    const refused = scheduler({ refuse: true });
    refused.sessions.track(['AAPL'], at('2026-01-05T12:00:00Z'));
    await refused.sessions.endDue(at('2026-01-06T12:00:00Z'));
    expect(refused.logger.errors).toHaveLength(1);
    expect(refused.logger.errors[0]).toMatchObject({ details: { symbol: 'AAPL', close: '2026-01-05T21:00:00.000Z' }, message: 'ending the trading session of AAPL failed; its day orders expire at the next start' });
  });

  it('shows a symbol its close, its days and the next close; a symbol the file gives none closes at midnight UTC every day', () => {
    const { sessions } = scheduler();
    expect(sessions.view('AAPL', at('2026-01-10T12:00:00Z'))).toEqual({ close: '16:00', timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], nextClose: at('2026-01-12T21:00:00Z') });
    expect(sessions.view('BTC-USD', at('2026-01-10T12:00:00Z'))).toEqual({ close: '00:00', timeZone: 'UTC', days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], nextClose: at('2026-01-11T00:00:00Z') });
    // Asked out of order, each instant still gets its own next close.
    const asked = ['2026-01-13T12:00:00Z', '2026-01-12T22:00:00Z', '2026-01-12T20:59:59.999Z', '2026-01-13T21:00:00Z', '2026-01-07T12:00:00Z'];
    expect(asked.map((t) => iso(sessions.view('AAPL', at(t)).nextClose))).toEqual(['2026-01-13T21:00:00.000Z', '2026-01-13T21:00:00.000Z', '2026-01-12T21:00:00.000Z', '2026-01-14T21:00:00.000Z', '2026-01-07T21:00:00.000Z']);
  });

  it('once started, ends a session on its own when the clock reaches the close, and not after stop', async () => {
    // The hand-moved clock runs from just before a close at the wall clock's pace.
    const start = Date.now();
    const base = at('2026-01-05T20:59:59.950Z');
    const { sessions, ended, setNow } = scheduler({ now: base });
    const follow = setInterval(() => setNow(base + Date.now() - start), 5);
    stopAll.push(() => clearInterval(follow), () => sessions.stop());
    sessions.track(['AAPL'], base);
    sessions.start();
    await expect.poll(() => ended.length, { timeout: 2_000, interval: 10 }).toBe(1);
    expect(ended[0]![0]).toBe('AAPL');

    const stopped = scheduler({ now: at('2026-01-06T20:59:59.950Z') });
    stopAll.push(() => stopped.sessions.stop());
    stopped.sessions.track(['AAPL'], at('2026-01-06T20:59:59.950Z'));
    stopped.sessions.start();
    stopped.sessions.stop();
    stopped.setNow(at('2026-01-06T21:00:01Z'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stopped.ended).toEqual([]);
  });
});
