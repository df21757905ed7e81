import { Command, Option } from 'commander';
import { configFrom, outputOption, withCoreOptions } from '../../shared-options.js';
export function tokenCreateCommand(io) {
    return withCoreOptions(new Command('create'))
        .description('issue an API token; its secret is printed this once')
        .addOption(new Option('--role <role>', 'what the token may do').choices(['admin', 'agent', 'customer']).makeOptionMandatory())
        .option('--customer <id>', 'for a customer token: the customer it may see')
        .option('--name <text>', 'what the token is for')
        .addOption(outputOption())
        .action(async (opts) => {
        const [{ openCore }, { createToken }, { SYSTEM }] = await Promise.all([
            import('../../../runtime/core.js'),
            import('../../../services/tokens/create.js'),
            import('../../../services/context.js'),
        ]);
        const core = await openCore(configFrom(opts));
        try {
            const input = Object.fromEntries(Object.entries({ role: opts.role, customer: opts.customer, name: opts.name }).filter(([, v]) => v !== undefined));
            const token = await createToken({ ctx: core.context({ ...SYSTEM, id: 'cli' }), input });
            if (opts.output === 'json')
                io.out(`${JSON.stringify(token, null, 2)}\n`);
            else
                io.out(`${token.token}\n(${token.role} token ${token.id}${token.customer ? ` for customer ${token.customer}` : ''}; shown once, keep it safe)\n`);
        }
        finally {
            await core.close();
        }
    });
}
//# sourceMappingURL=create.js.map