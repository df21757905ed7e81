import type { ServiceContext } from '../services/context.js';

/** Makes the service context for one request from its authenticated caller. */
export type ContextFor = (request: { caller: ServiceContext['caller'] }) => ServiceContext;
