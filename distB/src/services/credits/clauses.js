/** Every (commitment, credit consequence) pair the policy declares. */
export function creditClauses(policy) {
    const out = [];
    for (const c of policy.commitments) {
        for (const name of c.onBreach) {
            const rule = policy.consequences.get(name)?.rule;
            if (rule?.type === 'credit')
                out.push({ commitment: c.id, consequence: name, rule });
        }
    }
    return out;
}
//# sourceMappingURL=clauses.js.map