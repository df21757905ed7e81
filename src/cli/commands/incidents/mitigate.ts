import type { Command } from 'commander';
import type { CliIo } from '../../io.js';
import { incidentStepCommand } from './shared.js';

export function incidentsMitigateCommand(io: CliIo): Command {
  return incidentStepCommand(io, 'mitigated', 'mitigate', 'core functions are restored (R-02)');
}
