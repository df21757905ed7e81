export {};
//# sourceMappingURL=consequence-store.js.map