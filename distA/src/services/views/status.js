export async function publicStatus({ ctx, source }) {
    const groups = source ? await source(ctx) : null;
    return { name: ctx.policy.name, generatedAt: new Date(ctx.time.now()).toISOString(), measured: groups !== null, groups: groups ?? [] };
}
//# sourceMappingURL=status.js.map