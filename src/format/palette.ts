/** Colour functions a formatter may use; the CLI passes chalk-backed ones or identity ones. */
export interface Palette {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  name(s: string): string;
  value(s: string): string;
  accent(s: string): string;
  ok(s: string): string;
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
}

const id = (s: string): string => s;

export const PLAIN: Palette = { enabled: false, bold: id, dim: id, name: id, value: id, accent: id, ok: id, error: id, warning: id, info: id };
