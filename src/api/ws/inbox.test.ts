// Tests for Inbox: messages are handled in arrival order, none starts while an earlier one is pending, and the queue is bounded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Inbox, QUEUED_MESSAGE_OVERHEAD } from './inbox.ts';

/** A handler that records what it handles and whether anything was pending then; `async` texts hold the inbox until released. */
function recorder() {
  const handled: string[] = [];
  const overlaps: string[] = [];
  const releases: Array<() => void> = [];
  let pending = 0;
  const handle = (text: string | undefined): void | Promise<void> => {
    const name = text ?? '<binary>';
    if (pending > 0) overlaps.push(name);
    handled.push(name);
    if (!name.startsWith('async')) return;
    pending++;
    return new Promise<void>((resolve) =>
      releases.push(() => {
        pending--;
        resolve();
      }),
    );
  };
  return { handled, overlaps, releases, handle };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Inbox', () => {
  it('handles messages at once while nothing is pending', () => {
    const r = recorder();
    const inbox = new Inbox(r.handle, 1_000, () => {});
    inbox.push('a');
    inbox.push(undefined);
    inbox.push('b');
    expect(r.handled).toEqual(['a', '<binary>', 'b']);
    expect(inbox.queued).toBe(0);
  });

  it('queues messages behind a pending one and drains them in order once it settles', async () => {
    const r = recorder();
    const inbox = new Inbox(r.handle, 10_000, () => {});
    inbox.push('async-1');
    inbox.push('b');
    inbox.push('async-2');
    inbox.push('c');
    expect(r.handled).toEqual(['async-1']);
    expect(inbox.queued).toBe(3);
    r.releases[0]!();
    await settle();
    // b ran, then async-2 holds c.
    expect(r.handled).toEqual(['async-1', 'b', 'async-2']);
    r.releases[1]!();
    await settle();
    expect(r.handled).toEqual(['async-1', 'b', 'async-2', 'c']);
    expect(inbox.queued).toBe(0);
    inbox.push('d');
    expect(r.handled.at(-1)).toBe('d');
  });

  it('moves on after a pending step that fails', async () => {
    const handled: string[] = [];
    const inbox = new Inbox(
      (text) => {
        handled.push(text!);
        if (text === 'fails') return Promise.reject(new Error('refused'));
      },
      1_000,
      () => {},
    );
    inbox.push('fails');
    inbox.push('next');
    await settle();
    expect(handled).toEqual(['fails', 'next']);
  });

  it('drains a long backlog a batch per turn, still in order, with later arrivals behind it', async () => {
    const r = recorder();
    const inbox = new Inbox(r.handle, 1_000_000, () => {});
    inbox.push('async-0');
    const texts = Array.from({ length: 1_000 }, (_, i) => `m${i}`);
    for (const text of texts) inbox.push(text);
    r.releases[0]!();
    await Promise.resolve();
    await Promise.resolve();
    // The first batch ran in one turn; the rest waits for the next turns, and so does a new arrival.
    expect(r.handled.length).toBeGreaterThan(1);
    expect(r.handled.length).toBeLessThan(1_001);
    inbox.push('late');
    for (let i = 0; i < 10; i++) await settle();
    expect(r.handled).toEqual(['async-0', ...texts, 'late']);
  });

  it('calls overflow once, and takes nothing more, when the queue would pass its bound', async () => {
    const r = recorder();
    let overflows = 0;
    const maxBytes = 10 * (4 + QUEUED_MESSAGE_OVERHEAD);
    const inbox = new Inbox(r.handle, maxBytes, () => overflows++);
    inbox.push('async');
    for (let i = 0; i < 10; i++) inbox.push(`m${String(i).padStart(3, '0')}`);
    expect(inbox.queued).toBe(10);
    expect(overflows).toBe(0);
    inbox.push('m010');
    expect(overflows).toBe(1);
    expect(inbox.queued).toBe(0);
    inbox.push('more');
    r.releases[0]!();
    await settle();
    expect(overflows).toBe(1);
    expect(r.handled).toEqual(['async']);
  });

  it('drops its queue when stopped', async () => {
    const r = recorder();
    const inbox = new Inbox(r.handle, 1_000, () => {});
    inbox.push('async');
    inbox.push('b');
    inbox.stop();
    r.releases[0]!();
    await settle();
    inbox.push('c');
    expect(r.handled).toEqual(['async']);
  });

  it('property: any mix of pending and immediate messages, released in any order of time, is handled in arrival order with no overlap', async () => {
    const message = fc.record({ async: fc.boolean(), arrivesAfter: fc.nat(3) });
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 40 }), fc.array(fc.nat(5), { maxLength: 40 }), async (messages, waits) => {
        const r = recorder();
        const inbox = new Inbox(r.handle, 1_000_000, () => {});
        const texts = messages.map((m, i) => `${m.async ? 'async' : 'sync'}-${i}`);
        let released = 0;
        const releaseSome = async (turns: number) => {
          for (let t = 0; t < turns; t++) {
            while (released < r.releases.length) r.releases[released++]!();
            await Promise.resolve();
          }
        };
        for (const [i, m] of messages.entries()) {
          await releaseSome(m.arrivesAfter);
          inbox.push(texts[i]);
          await releaseSome(waits[i] ?? 0);
        }
        for (let i = 0; i < 50 && r.handled.length < texts.length; i++) {
          await releaseSome(1);
          await settle();
        }
        expect(r.handled).toEqual(texts);
        expect(r.overlaps).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
