/**
 * Outgoing messages, sent after the webhook has answered: one ordered queue per chat (replies arrive in order),
 * a few quick retries with backoff on network errors, 5xx and 429 (honouring a retry-after the platform
 * gives). The queue is bounded: past `maxPending` messages in memory, enqueue() refuses (replies then wait in
 * the outbox, see outbox-sender.ts; best-effort sends such as "typing…" are dropped). A failure is reported to
 * `settled` and never stops the bot. `drain()` waits for everything in flight (graceful shutdown).
 */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    message: string,
    /** Seconds the platform asked us to wait, if any. */
    readonly retryAfter?: number,
    /** False for errors that will not go away by retrying (400, 403…). */
    readonly retryable = true,
  ) {
    super(message);
  }
}

export interface SendQueueOptions {
  maxAttempts?: number;
  /** Messages held in memory at most (all chats together). */
  maxPending?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onFailure?: (err: unknown) => void;
}

export interface SendQueue {
  /**
   * `settled` is told whether the message went out (with the last error when not), once it went out or was
   * given up. False, and nothing queued, when the queue is full.
   */
  enqueue(chatId: string, send: () => Promise<void>, settled?: (sent: boolean, err?: unknown) => void): boolean;
  /** Room left before enqueue() refuses. */
  room(): number;
  drain(): Promise<void>;
  pending(): number;
}

export function createSendQueue(options: SendQueueOptions = {}): SendQueue {
  const maxAttempts = options.maxAttempts ?? 3;
  const maxPending = options.maxPending ?? 2_000;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const chains = new Map<string, Promise<void>>();
  let inFlight = 0;

  async function attempt(send: () => Promise<void>): Promise<void> {
    for (let i = 1; ; i++) {
      try {
        await send();
        return;
      } catch (err) {
        const e = err as Partial<SendError>;
        if (e.retryable === false || i >= maxAttempts) throw err;
        const wait = e.retryAfter !== undefined ? e.retryAfter * 1000 : Math.min(max, base * 2 ** (i - 1));
        await sleep(wait);
      }
    }
  }

  return {
    enqueue(chatId, send, settled) {
      if (inFlight >= maxPending) return false;
      inFlight++;
      const previous = chains.get(chatId) ?? Promise.resolve();
      const next = previous
        .then(() => attempt(send))
        .then(
          () => settled?.(true),
          (err) => {
            options.onFailure?.(err);
            settled?.(false, err);
          },
        )
        .catch((err) => options.onFailure?.(err))
        .finally(() => {
          inFlight--;
          if (chains.get(chatId) === next) chains.delete(chatId);
        });
      chains.set(chatId, next);
      return true;
    },
    room: () => Math.max(0, maxPending - inFlight),
    async drain() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    pending: () => inFlight,
  };
}
