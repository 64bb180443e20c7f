import type { ChoosablePeopleInput } from '../contract/owner';
import type { OversightDeps } from './oversight-ports';

/**
 * Of the people a picker found, those that may own or back up an account: not an integration account the
 * registry holds (one batch read). The people search already offers only active `atlassian` accounts; the
 * use cases check everything again on save.
 */
export async function choosablePeople(
  input: ChoosablePeopleInput,
  deps: OversightDeps,
): Promise<{ choosable: string[] }> {
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) return { choosable: [] };
  const records = await deps.accounts.getMany(ids);
  return { choosable: ids.filter((id) => records.get(id)?.status !== 'active') };
}
