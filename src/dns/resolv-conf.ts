import { readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from '../core/uri/host.js';
import { canonicalIPv6, DNS_PORT, type DnsServer } from './server-address.js';

/** What siptool takes from /etc/resolv.conf (resolv.conf(5)); search domains are not used. */
export interface ResolvConf {
  servers: DnsServer[];
  /** `options timeout:N` in ms, when given. */
  timeoutMs: number | null;
  /** `options attempts:N`, when given. */
  attempts: number | null;
  /** Lines that named a server siptool could not use (for a note). */
  skipped: string[];
}

/** glibc's limit (MAXNS): later nameserver lines are ignored. */
export const MAX_RESOLV_SERVERS = 3;

/**
 * Parses resolv.conf text. Like glibc: `nameserver` lines in order (at most three), `options
 * timeout:` (capped at 30 s) and `attempts:` (capped at 5); comments start with "#" or ";".
 */
export function parseResolvConf(text: string): ResolvConf {
  const out: ResolvConf = { servers: [], timeoutMs: null, attempts: null, skipped: [] };
  const lines = text.split(/\r?\n/, 1000);
  for (const raw of lines) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (line === '') continue;
    const [key, ...args] = line.split(/\s+/);
    if (key === 'nameserver' && args[0] !== undefined) {
      const a = args[0];
      const pct = a.indexOf('%');
      const family = isIPv4(a) ? 4 : isIPv6(pct >= 0 ? a.slice(0, pct) : a) ? 6 : null;
      if (family === null) out.skipped.push(a.slice(0, 64));
      else if (out.servers.length < MAX_RESOLV_SERVERS) out.servers.push({ address: family === 6 ? canonicalIPv6(a) : a, port: DNS_PORT, family });
    } else if (key === 'options') {
      for (const opt of args) {
        const m = /^(timeout|attempts):(\d{1,4})$/.exec(opt);
        if (!m) continue;
        const n = Number(m[2]);
        if (m[1] === 'timeout') out.timeoutMs = Math.min(Math.max(n, 1), 30) * 1000;
        else out.attempts = Math.min(Math.max(n, 1), 5);
      }
    }
  }
  return out;
}

/** Reads a resolv.conf file; a missing or unreadable one reads as empty (glibc uses 127.0.0.1 then). */
export function readResolvConf(path = '/etc/resolv.conf', read: (p: string) => string = (p) => readFileSync(p, 'utf8')): ResolvConf {
  let text = '';
  try {
    text = read(path).slice(0, 64 * 1024);
  } catch {
    text = '';
  }
  return parseResolvConf(text);
}
