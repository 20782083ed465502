// Types of scripts/lpn-fast-paths.js for the tests (the build script itself is plain JavaScript).
export function plainDigitsViable(number: string): boolean | undefined;
export function plainDigitsExtension(number: string): Record<string, never> | undefined;
export const LPN_FAST_PATHS: ReadonlyArray<{ module: RegExp; at: string; fn: ((number: string) => unknown) & { name: string } }>;
export function withFastPath(path: string, text: string): string;
