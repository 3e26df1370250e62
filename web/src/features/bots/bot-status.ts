// How a bot's live status reads on screen: its state in words and tone, and whether its heartbeat is late.
import type { BadgeTone } from '../../components/badge.tsx';
import type { Bot } from '../../lib/api.ts';

export interface StatusLabel {
  readonly label: 'running' | 'stopped' | 'errored' | 'backing off' | 'starting';
  readonly tone: BadgeTone;
}

/**
 * A worker reports every second and the list is read every two, so an age up to about four seconds
 * is normal; past five the bot (or its worker) is not keeping up.
 */
export const LATE_HEARTBEAT_MS = 5_000;

export function statusOf(bot: Pick<Bot, 'state' | 'heartbeat'>): StatusLabel {
  switch (bot.state) {
    case 'running':
      // Until the first report, a started bot has no heartbeat yet.
      return bot.heartbeat === null ? { label: 'starting', tone: 'accent' } : { label: 'running', tone: 'up' };
    case 'stopped':
      return { label: 'stopped', tone: 'neutral' };
    case 'restarting':
      return { label: 'backing off', tone: 'warn' };
    case 'failed':
      return { label: 'errored', tone: 'down' };
  }
}

/** Milliseconds since the last heartbeat, or undefined when there is none (or it does not matter: the bot is not running). */
export function heartbeatAge(bot: Pick<Bot, 'state' | 'heartbeat'>, now: number): number | undefined {
  if (bot.heartbeat === null || bot.state !== 'running') return undefined;
  return Math.max(0, now - bot.heartbeat);
}

/** Milliseconds until a backing-off bot tries again. */
export function retryIn(bot: Pick<Bot, 'state' | 'nextRestartAt'>, now: number): number | undefined {
  if (bot.state !== 'restarting' || bot.nextRestartAt === null) return undefined;
  return Math.max(0, bot.nextRestartAt - now);
}
