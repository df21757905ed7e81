export const NO_AVAILABILITY = {
    incidentBreaches: async () => [],
    monthlyUptime: async () => [],
};
//# sourceMappingURL=availability-facts.js.map