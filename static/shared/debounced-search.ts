/**
 * Wraps `search` so it runs only after `ms` of quiet typing: a superseded keystroke's promise resolves
 * to no options, an empty query asks nothing. For the pickers' `loadOptions`.
 */
export function debouncedSearch<T>(search: (query: string) => Promise<T[]>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: ((options: T[]) => void) | undefined;
  return (query: string): Promise<T[]> => {
    if (timer) clearTimeout(timer);
    pending?.([]);
    pending = undefined;
    const q = query.trim();
    if (!q) return Promise.resolve([]);
    return new Promise<T[]>((resolve, reject) => {
      pending = resolve;
      timer = setTimeout(() => {
        pending = undefined;
        search(q).then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
      }, ms);
    });
  };
}
