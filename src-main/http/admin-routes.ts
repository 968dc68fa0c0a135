/**
 * The admin API under `/api/v1/admin`: the caller gate (caller-gate.ts) in front, then the event
 * routes (c123-server's and the dashboard's, event-routes.ts), the officials' (official-routes.ts)
 * and the operator's look back (activity-routes.ts). Each route names in its `config` the callers it
 * accepts (operator only when it says nothing); auth.ts only says who is calling.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Settings } from '../settings.ts';
import { callerGate, type CallerGateDeps } from './caller-gate.ts';
import { eventRoutes } from './event-routes.ts';
import { officialRoutes } from './official-routes.ts';
import { activityRoutes } from './activity-routes.ts';

export interface AdminDeps {
  gate: CallerGateDeps;
  settings: Settings;
  /** Live spectator count per event (from the hub). */
  connections(eventId: string): number;
  /** Spectator sockets of the event cut off for falling behind (close 4008). */
  slowCutOffs(eventId: string): number;
}

export const adminRoutes: FastifyPluginAsync<AdminDeps> = async (app, options) => {
  // Only the deps go on: the options also carry this plugin's own prefix.
  const { gate, settings, connections, slowCutOffs } = options;
  const deps: AdminDeps = { gate, settings, connections, slowCutOffs };
  await app.register(callerGate, gate);
  await app.register(eventRoutes, deps);
  await app.register(officialRoutes, deps);
  await app.register(activityRoutes, deps);
};
