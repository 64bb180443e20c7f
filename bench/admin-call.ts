import type { Envelope } from '../src/contract/envelope';
import { ADMIN_MODULE_KEY } from '../src/contract/resolver-keys';
import type { BenchSite } from './seed';

/** An admin-page resolver call as the bench's site admin; its data, or an error naming the key. */
export async function adminCall<T = unknown>(
  bench: BenchSite,
  functionKey: string,
  payload: unknown = {},
): Promise<T> {
  const result = (await bench.site.runtime.invokeResolver({
    moduleKey: ADMIN_MODULE_KEY,
    functionKey,
    payload,
    accountId: bench.adminId,
  })) as Envelope<T>;
  if (!result.ok) throw new Error(`${functionKey}: ${result.error.code} ${result.error.message}`);
  return result.data;
}
