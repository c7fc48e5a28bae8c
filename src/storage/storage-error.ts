/** Storage could not do its job (database locked, disk full, I/O error). Callers answer 503 and let the
 * platform retry, never 200 without the write. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    message: string,
    override readonly cause?: unknown,
    /** The database's own code (SQLITE_FULL, SQLITE_BUSY, SQLITE_READONLY…), for /health and the logs. */
    readonly code = 'unknown',
  ) {
    super(message);
  }
}

/** True for an error raised by the database or the file system under it, not by the code that called it. */
export function isDatabaseError(err: unknown): boolean {
  if (err instanceof StorageError) return true;
  const e = err as { name?: string; code?: unknown; message?: unknown };
  if (e?.name === 'SqliteError' || (typeof e?.code === 'string' && /^(SQLITE_|ENOSPC|EIO|EROFS|EACCES|EBUSY)/.test(e.code))) return true;
  // better-sqlite3 reports a closed connection as a TypeError with this message.
  return typeof e?.message === 'string' && e.message === 'The database connection is not open';
}

/**
 * Runs fn; an error from the database becomes a StorageError (callers answer 503 and the platform retries).
 * Any other error is a bug and passes through as it is: relabelling it would make a webhook redeliver forever.
 */
export function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StorageError || !isDatabaseError(err)) throw err;
    const code = (err as { code?: string }).code ?? 'unknown';
    throw new StorageError(`${what} failed (${code})`, err, code);
  }
}
