export const systemTime = { now: () => Date.now() };
/** A clock that moves only when told to: for tests, demos and replays. */
export class ManualTime {
    current;
    constructor(current) {
        this.current = current;
    }
    now() {
        return this.current;
    }
    set(t) {
        this.current = typeof t === 'string' ? Date.parse(t) : t;
    }
    advance(ms) {
        this.current += ms;
    }
}
//# sourceMappingURL=time.js.map