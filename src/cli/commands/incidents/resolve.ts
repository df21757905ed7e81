import type { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentStepCommand } from './shared.js';

export function incidentsResolveCommand(io: CliIo): Command {
  return incidentStepCommand(io, 'resolved', 'resolve', 'fully recovered (R-03)');
}
