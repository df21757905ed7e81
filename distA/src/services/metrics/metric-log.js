export {};
//# sourceMappingURL=metric-log.js.map