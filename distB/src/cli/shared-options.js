import { Option } from 'commander';
import { configFromEnvironment } from '../runtime/config.js';
/** The options every command that opens the database takes, each with its environment fallback. */
export function withCoreOptions(cmd) {
    return cmd
        .addOption(new Option('--data-dir <dir>', 'where the embedded database lives').env('SURETY_DATA_DIR').default(undefined, './data'))
        .addOption(new Option('--db <url>', 'postgres://user@host/db[?schema=s] or sqlite:PATH').env('SURETY_DB'))
        .addOption(new Option('--policy <file>', 'the policy (guarantee) file').env('SURETY_POLICY').default(undefined, 'examples/guarantee.yaml'));
}
export function configFrom(opts) {
    return configFromEnvironment(opts);
}
export const outputOption = () => new Option('-o, --output <format>', 'how to print the result').choices(['table', 'json']).default('table');
//# sourceMappingURL=shared-options.js.map