/**
 * Size and count limits that keep parsing bounded on hostile input (docs/limits.md). Exceeding
 * one gives a SIP_LIMIT_EXCEEDED problem and stops reading at the limit, never a hang.
 */
export interface ParseLimits {
  /** Bytes in the start line plus header section (default 256 KiB). */
  maxHeaderBytes: number;
  /** Header fields in one message (default 1000). */
  maxHeaders: number;
  /** Body bytes (default 16 MiB). */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ParseLimits> = {
  maxHeaderBytes: 256 * 1024,
  maxHeaders: 1000,
  maxBodyBytes: 16 * 1024 * 1024,
};
