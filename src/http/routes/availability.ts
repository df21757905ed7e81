import type { FastifyInstance } from 'fastify';
import type { ContextFor } from '../context-for.js';
import type { AvailabilityRouteDeps } from './availability-deps.js';
import { agentRoutes } from './agents.js';
import { checkupRoutes } from './checkups.js';
import { incidentRoutes } from './incidents.js';
import { maintenanceRoutes } from './maintenance.js';
import { monitorRoutes } from './monitors.js';

/** The availability API: monitors and pings, incidents, maintenance, agents, checkups. */
export function availabilityRoutes(
  api: FastifyInstance,
  contextFor: ContextFor,
  deps: AvailabilityRouteDeps,
) {
  monitorRoutes(api, contextFor, deps);
  incidentRoutes(api, contextFor);
  maintenanceRoutes(api, contextFor);
  agentRoutes(api, contextFor);
  checkupRoutes(api, contextFor, deps);
}

export type { AvailabilityRouteDeps };
