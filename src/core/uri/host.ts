import { ALPHA, DIGIT, is } from '../syntax/chars.js';

export type HostType = 'domain' | 'ipv4' | 'ipv6';

/** Dotted-quad IPv4 with each part 0..255 (RFC 3261 IPv4address, values checked). */
export function isIPv4(s: string, start = 0, end = s.length): boolean {
  let parts = 0;
  let i = start;
  while (i < end) {
    let n = 0;
    let digits = 0;
    while (i < end && is(s.charCodeAt(i), DIGIT)) {
      n = n * 10 + (s.charCodeAt(i) - 48);
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || n > 255) return false;
    parts++;
    if (i === end) break;
    if (s.charCodeAt(i) !== 46 /* . */ || parts === 4) return false;
    i++;
    if (i === end) return false;
  }
  return parts === 4;
}

/** IPv6 address text (RFC 4291 §2.2, incl. "::" and an embedded dotted IPv4 tail), no brackets. */
export function isIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  // at least two colons ("::" or 8 groups): host:port and IPv4 text end here, before any pattern
  const colon = s.indexOf(':');
  if (colon < 0 || colon === s.lastIndexOf(':')) return false;
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return false;
  const countGroups = (part: string, allowV4Tail: boolean): number => {
    if (part === '') return 0;
    const groups = part.split(':');
    let n = 0;
    for (let g = 0; g < groups.length; g++) {
      const grp = groups[g]!;
      if (allowV4Tail && g === groups.length - 1 && grp.includes('.')) {
        if (!isIPv4(grp)) return -1;
        n += 2;
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(grp)) return -1;
        n += 1;
      }
    }
    return n;
  };
  if (dbl < 0) return countGroups(s, true) === 8;
  const left = countGroups(s.slice(0, dbl), false);
  const right = countGroups(s.slice(dbl + 2), true);
  return left >= 0 && right >= 0 && left + right <= 7;
}

/**
 * RFC 3261 hostname: labels of alphanum and "-" (not at a label's ends), the last label starting
 * with a letter, an optional trailing dot.
 */
export function isHostname(s: string, start = 0, end = s.length): boolean {
  if (end > start && s.charCodeAt(end - 1) === 46) end--;
  if (end <= start) return false;
  let labelStart = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (i === labelStart) return false;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return false;
      if (i === end && !is(s.charCodeAt(labelStart), ALPHA)) return false;
      labelStart = i + 1;
    } else if (!(is(c, ALPHA | DIGIT) || c === 45)) {
      return false;
    }
  }
  return true;
}

/** Classifies host text (IPv6 with brackets); null when it is no valid host. */
export function hostType(host: string): HostType | null {
  if (host.length > 2 && host.charCodeAt(0) === 91 && host.charCodeAt(host.length - 1) === 93) {
    return isIPv6(host.slice(1, -1)) ? 'ipv6' : null;
  }
  if (isIPv4(host)) return 'ipv4';
  return isHostname(host) ? 'domain' : null;
}

/** Host without IPv6 brackets, lower-cased (for comparisons and DNS). */
export function bareHost(host: string): string {
  const h = host.charCodeAt(0) === 91 && host.charCodeAt(host.length - 1) === 93 ? host.slice(1, -1) : host;
  return h.toLowerCase();
}

/** Reads a hostport's host at s[i]: "[...]" or a run of host chars. Returns its end index. */
export function hostEnd(s: string, i: number, end: number): number {
  if (i < end && s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    return close < 0 || close >= end ? end : close + 1;
  }
  while (i < end) {
    const c = s.charCodeAt(i);
    if (!(is(c, ALPHA | DIGIT) || c === 45 || c === 46 || c === 95)) break;
    i++;
  }
  return i;
}
