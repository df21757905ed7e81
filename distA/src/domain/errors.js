export class SuretyError extends Error {
    code;
    details;
    name = 'SuretyError';
    constructor(code, message, details = []) {
        super(message);
        this.code = code;
        this.details = details;
    }
}
export const invalidInput = (message, details = []) => new SuretyError('invalid_input', message, details);
export const notFound = (message) => new SuretyError('not_found', message);
export const conflict = (message) => new SuretyError('conflict', message);
//# sourceMappingURL=errors.js.map