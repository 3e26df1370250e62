// One connection's incoming messages, handled strictly in arrival order: at once while nothing is pending, queued (bounded) behind a step that waits.

/** What a queued message costs beyond its text: the string and its place in the queue. */
export const QUEUED_MESSAGE_OVERHEAD = 64;

/** Messages handled in one turn when a backlog drains; the rest wait for the next turn, so other connections get theirs. */
const DRAIN_BATCH = 256;

/**
 * Handles one message: its text, or undefined for a binary one. Returns a promise when later messages
 * must wait for it (a credential check, an answer read back after its commit); it must not reject.
 */
export type MessageHandler = (text: string | undefined) => void | Promise<unknown>;

/**
 * While nothing is pending a message goes straight to the handler, with no promise or allocation of
 * its own. Once the handler returns a promise, later messages queue until it settles, then drain in
 * order (each may hold the queue again). The queue holds at most `maxBytes` of text (each message
 * costing its length plus QUEUED_MESSAGE_OVERHEAD); the message that would pass that calls
 * `overflow` instead, and nothing more is taken.
 */
export class Inbox {
  private readonly queue: Array<string | undefined> = [];
  private head = 0;
  private queuedBytes = 0;
  private waiting = false;
  private stopped = false;

  constructor(
    private readonly handle: MessageHandler,
    private readonly maxBytes: number,
    private readonly overflow: () => void,
  ) {}

  push(text: string | undefined): void {
    if (this.stopped) return;
    if (!this.waiting) return this.run(text);
    const bytes = (text?.length ?? 0) + QUEUED_MESSAGE_OVERHEAD;
    if (this.queuedBytes + bytes > this.maxBytes) {
      this.stop();
      this.overflow();
      return;
    }
    this.queuedBytes += bytes;
    this.queue.push(text);
  }

  /** Drops what is queued and takes nothing more: the connection is closing. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
  }

  /** Messages waiting behind a pending step. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  private run(text: string | undefined): void {
    const pending = this.handle(text);
    if (pending) {
      this.waiting = true;
      pending.then(this.resume, this.resume);
    }
  }

  private readonly resume = (): void => {
    this.waiting = false;
    for (let handled = 0; !this.waiting && !this.stopped && this.head < this.queue.length; handled++) {
      if (handled === DRAIN_BATCH) {
        // Still waiting, so messages arriving meanwhile queue behind these.
        this.waiting = true;
        setImmediate(this.resume);
        return;
      }
      const text = this.queue[this.head];
      this.queue[this.head++] = undefined;
      this.queuedBytes -= (text?.length ?? 0) + QUEUED_MESSAGE_OVERHEAD;
      this.run(text);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  };
}
