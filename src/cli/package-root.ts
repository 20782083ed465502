import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (where package.json and docs/ are). Two levels above this module
 * both as an ES module (dist/cli/package-root.js, src/cli/package-root.ts) and inside the
 * one-file CLI bundle (dist/cli/siptool.cjs, scripts/bundle.js), whose import.meta.url is the
 * bundle's own file: modules that need files of the package go through here, never through a
 * path relative to their own place.
 */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
