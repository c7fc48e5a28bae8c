/** Storage could not do its job (database locked, disk full, I/O error). Callers answer 503 and let the
 * platform retry, never 200 without the write. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** Runs fn; any error from the database becomes a StorageError. */
export function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StorageError) throw err;
    const code = (err as { code?: string }).code ?? 'unknown';
    throw new StorageError(`${what} failed (${code})`, err);
  }
}
