import { createContext, useContext } from 'react';
import type { SettingsView } from '@contract/settings';

/** What every subpage may need: the settings as loaded at boot (defaults for forms) and a refresh. */
export interface AdminContextValue {
  settings: SettingsView;
  setSettings: (view: SettingsView) => void;
}

export const AdminContext = createContext<AdminContextValue | null>(null);

export function useAdmin(): AdminContextValue {
  const value = useContext(AdminContext);
  if (!value) throw new Error('useAdmin() outside <AdminApp>');
  return value;
}
