/**
 * One of Node's C++ bindings through `process.binding` (kept by Node for compatibility), for the
 * few places where the public module costs a one-shot run milliseconds of loading and first-use
 * compilation (net/udp-bind.ts, net/udp-port.ts, cli/raw-fs.ts, cli/stdio.ts; docs/startup.md).
 * Undefined where
 * it cannot or should not be used: `process.binding` missing or refused (the permission model,
 * another runtime) or `--pending-deprecation` on, under which it would print a warning. Every
 * caller falls back to the public API then.
 */
export function nodeBinding<T extends object>(name: 'udp_wrap' | 'tty_wrap' | 'fs'): T | undefined {
  if (!bindingsAllowed()) return undefined;
  // asked once per name (opening a UDP port asks three times: allowed?, the handle, SendWrap)
  if (!found.has(name)) {
    let b: unknown;
    try {
      b = (process as unknown as { binding(name: string): unknown }).binding(name);
    } catch {
      b = undefined;
    }
    found.set(name, typeof b === 'object' && b !== null ? b : undefined);
  }
  return found.get(name) as T | undefined;
}

const found = new Map<string, object | undefined>();

let allowed: boolean | undefined;

/** process.binding is there and would not print a deprecation warning. */
function bindingsAllowed(): boolean {
  allowed ??=
    typeof (process as { binding?: unknown }).binding === 'function' &&
    !process.execArgv.includes('--pending-deprecation') &&
    !(process.env.NODE_OPTIONS ?? '').includes('--pending-deprecation') &&
    process.env.NODE_PENDING_DEPRECATION !== '1';
  return allowed;
}
