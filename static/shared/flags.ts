/**
 * Host flags (`showFlag`) for the outcome of every action: success flags go away by themselves,
 * failures stay until dismissed.
 */
import { showFlag } from '@forge/bridge';
import { errorMessage } from './errors';

let seq = 0;
const nextId = () => `ia-flag-${Date.now()}-${++seq}`;

function show(options: Parameters<typeof showFlag>[0]): void {
  try {
    showFlag(options);
  } catch (e) {
    console.warn('The host could not show a flag.', e);
  }
}

export const flags = {
  success(title: string, description?: string): void {
    show({
      id: nextId(),
      title,
      ...(description ? { description } : {}),
      type: 'success',
      isAutoDismiss: true,
    });
  },
  info(title: string, description?: string): void {
    show({ id: nextId(), title, ...(description ? { description } : {}), type: 'info', isAutoDismiss: true });
  },
  error(title: string, error: unknown): void {
    show({ id: nextId(), title, description: errorMessage(error), type: 'error', isAutoDismiss: false });
  },
};
