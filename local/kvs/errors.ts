/**
 * Forge storage errors. Non-2xx bodies are `{code, message}` (FORGE-FACTS §4.2); `@forge/kvs` turns them
 * into `ForgeKvsAPIError` with that `code`. 400 for validation errors, 404 `KEY_NOT_FOUND`, 409 conflicts.
 */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
  }
  get body(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** 400 with a Forge error code. Where Forge documents no specific code we use `BAD_REQUEST` (seen in @forge/kvs tests). */
export const badRequest = (code: string, message: string): KvsError => new KvsError(400, code, message);

export const keyNotFound = (): KvsError => new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');

/**
 * FORGE-FACTS §4.2 "Undocumented": Forge does not document the status/code of a `FAIL_IF_EXISTS` conflict.
 * We answer 409 `KEY_CONFLICT` (the only report, a [3p] blog, says so).
 */
export const keyConflict = (key: string): KvsError =>
  new KvsError(409, 'KEY_CONFLICT', `Key ${JSON.stringify(key)} already exists (keyPolicy FAIL_IF_EXISTS)`);

/**
 * FORGE-FACTS §4.2 "Undocumented": the status/code of a failed transaction condition is not documented.
 * We answer 409 `CONDITION_CHECK_FAILED` (compare-and-set conflict, DynamoDB-like wording).
 */
export const conditionFailed = (keys: string[]): KvsError =>
  new KvsError(
    409,
    'CONDITION_CHECK_FAILED',
    `Transaction cancelled: condition check failed for ${keys.join(', ')}`,
  );
