/**
 * The signed-in admin client and the station's own facts (LAN URLs, settings), handed to every
 * dashboard feature through context so features stay independent of the app shell.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { AdminClient } from '../../shared/api-client.ts';
import type { StationInfo } from '@wire/admin.ts';

export interface AdminContextValue {
  client: AdminClient;
  station: StationInfo | null;
  reloadStation(): void;
  /** Re-reads the events list (after a create or delete). */
  reloadEvents(): void;
}

const Ctx = createContext<AdminContextValue | null>(null);

export function AdminProvider({ value, children }: { value: AdminContextValue; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAdmin(): AdminContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAdmin outside <AdminProvider>');
  return v;
}
