import { useState } from 'react';
import { flags } from '../../shared/flags';

/**
 * A per-row action that takes the row off the list once it succeeds (restore a
 * dismissed one): which row is busy, which rows are gone, and the failure flag.
 */
export function useRowRemoval() {
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (accountId: string, act: () => Promise<unknown>, done: () => void, failed: string) => {
    setBusy(accountId);
    try {
      await act();
      setGone((s) => new Set(s).add(accountId));
      done();
    } catch (e) {
      flags.error(failed, e);
    } finally {
      setBusy(null);
    }
  };
  return { gone, busy, run };
}
