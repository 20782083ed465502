import type { Report } from '../syntax/report.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Date (RFC 3261 §20.17): an RFC 1123 date, which SIP restricts to "GMT":
 * `Sat, 13 Nov 2010 23:29:00 GMT`. Returns the time in ms since the epoch.
 */
export function readDate(s: string, report: Report): Date | null {
  const m = /^[ \t]*([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([A-Za-z0-9+-]+)[ \t]*$/.exec(s);
  if (!m) {
    report('SIP_DATE_INVALID', 'Date must look like "Sat, 13 Nov 2010 23:29:00 GMT"', 0);
    return null;
  }
  const [, day, dd, mon, yyyy, hh, mi, ss, zone] = m as unknown as string[];
  const month = MONTHS.indexOf(mon!);
  if (!DAYS.includes(day!) || month < 0) {
    report('SIP_DATE_INVALID', `"${day}" or "${mon}" is not an English day or month abbreviation`, 0);
    return null;
  }
  if (zone !== 'GMT') {
    // another zone would have to be converted, and RFC 3261 does not allow it: no value
    report('SIP_DATE_INVALID', `Date time zone is "${zone}"; SIP dates must be in GMT`, s.lastIndexOf(zone!));
    return null;
  }
  const d = new Date(Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Math.min(59, Number(ss))));
  if (d.getUTCDate() !== Number(dd) || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 60) {
    report('SIP_DATE_INVALID', 'Date names a day or time that does not exist', 0);
    return null;
  }
  if (DAYS[(d.getUTCDay() + 6) % 7] !== day) report('SIP_DATE_INVALID', `${dd} ${mon} ${yyyy} is a ${DAYS[(d.getUTCDay() + 6) % 7]}, not a ${day}`, 0);
  return d;
}

export function formatDate(d: Date): string {
  return d.toUTCString(); // "Sat, 13 Nov 2010 23:29:00 GMT"
}
