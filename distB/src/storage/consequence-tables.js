export {};
//# sourceMappingURL=consequence-tables.js.map