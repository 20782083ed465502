/**
 * A capture timestamp with nanosecond precision: whole seconds since the Unix epoch (UTC) plus
 * nanoseconds (0..999,999,999). Kept as two integers because a double cannot hold nanoseconds
 * since 1970 exactly.
 */
export interface CaptureTime {
  readonly seconds: number;
  readonly nanoseconds: number;
}

/** The time as fractional seconds since the epoch (microsecond precision survives, not nanoseconds). */
export function captureTimeToSeconds(t: CaptureTime): number {
  return t.seconds + t.nanoseconds / 1e9;
}

/** A Date (millisecond precision). */
export function captureTimeToDate(t: CaptureTime): Date {
  return new Date(t.seconds * 1000 + Math.floor(t.nanoseconds / 1e6));
}

/** ISO 8601 in UTC with all nine fraction digits: 2026-01-02T03:04:05.123456789Z. */
export function formatCaptureTime(t: CaptureTime): string {
  const iso = new Date(t.seconds * 1000).toISOString();
  return `${iso.slice(0, 19)}.${String(t.nanoseconds).padStart(9, '0')}Z`;
}

/** Negative, zero or positive like a sort comparator. */
export function compareCaptureTime(a: CaptureTime, b: CaptureTime): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanoseconds - b.nanoseconds;
}

/** b - a in seconds (fractional). */
export function captureTimeDiff(a: CaptureTime, b: CaptureTime): number {
  return b.seconds - a.seconds + (b.nanoseconds - a.nanoseconds) / 1e9;
}

/**
 * Normalises what callers pass as a time: a CaptureTime, a Date, or milliseconds since the
 * epoch (fractions kept down to the nanosecond as far as a double allows).
 */
export function toCaptureTime(t: CaptureTime | Date | number): CaptureTime {
  if (typeof t === 'number') {
    const seconds = Math.floor(t / 1000);
    return { seconds, nanoseconds: Math.min(999_999_999, Math.max(0, Math.round((t - seconds * 1000) * 1e6))) };
  }
  if (t instanceof Date) return toCaptureTime(t.getTime());
  return t;
}
