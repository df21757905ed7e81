import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// Compiled to dist/src/runtime/, the package root is three folders up.
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DEFAULT_POLICY = join(PACKAGE_ROOT, 'examples', 'guarantee.yaml');
