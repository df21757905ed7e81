import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
// Compiled to dist/src/runtime/, the package root is three folders up.
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DEFAULT_POLICY = join(PACKAGE_ROOT, 'examples', 'guarantee.yaml');
/** The dashboard as `npm run build:web` leaves it. */
export const WEB_ROOT = join(PACKAGE_ROOT, 'dist', 'web');
//# sourceMappingURL=paths.js.map