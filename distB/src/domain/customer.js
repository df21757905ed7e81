export {};
//# sourceMappingURL=customer.js.map