/** Statuses of the simulator's issues (`StatusDetails`, `StatusCategory`). */
/** As `representations.API` (not imported: representations imports this file). */
const API = '/rest/api/3';

/** The statuses of every project's simple workflow: To Do → In Progress → Done (any to any). */
export const STATUSES = [
  { id: '10000', name: 'To Do', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  {
    id: '3',
    name: 'In Progress',
    category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  },
  { id: '10001', name: 'Done', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
] as const;
/** Transition ids as Jira numbers them (11, 21, 31), each leading to one status. */
export const TRANSITIONS = STATUSES.map((s, i) => ({ id: String(11 + 10 * i), name: s.name, to: s }));

/** `StatusDetails` of a status name (unknown names read as To Do). */
export function statusJson(base: string, name: string): Record<string, unknown> {
  const s = STATUSES.find((x) => x.name === name) ?? STATUSES[0];
  return {
    self: `${base}${API}/status/${s.id}`,
    description: '',
    name: s.name,
    id: s.id,
    statusCategory: { self: `${base}${API}/statuscategory/${s.category.id}`, ...s.category },
  };
}
