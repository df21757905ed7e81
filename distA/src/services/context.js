export const SYSTEM = { role: 'admin', id: 'system' };
//# sourceMappingURL=context.js.map