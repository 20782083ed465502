import type { NumberResult } from './normalize-number.js';
import type { OutputFormat } from './types.js';

/** The version of the JSON that `siptool number` prints (docs/json/number.md). */
export const NUMBER_SCHEMA = 'siptool.number/1';

export interface NumberJson {
  schema: typeof NUMBER_SCHEMA;
  input: string;
  line?: number;
  valid: boolean;
  e164: string | null;
  result: string | null;
  format: OutputFormat;
  carrier: string | null;
  country: string | null;
  callingCode: string | null;
  nationalNumber: string | null;
  type: string;
  inputFormat: string;
  numberFormat: string;
  extension: string | null;
  uri: UriJson | null;
  candidates: string[];
  explanation: string | null;
  problems: Array<{ code: string; severity: string; message: string }>;
}

export interface UriJson {
  scheme: string;
  /** sip/sips: the user part as written (with its ;params); tel: the number as written. */
  user: string | null;
  host: string | null;
  port: number | null;
  params: Record<string, string | null>;
  /** Parameters of the number: SIP user-part params (tgrp, trunk-context, phone-context...) or tel params. */
  numberParams: Record<string, string | null>;
}

/** The JSON object of one input (one line of `--json` output). */
export function numberToJson(r: NumberResult, extra: { line?: number; carrier?: string | null } = {}): NumberJson {
  const u = r.uri?.uri;
  const json: NumberJson = {
    schema: NUMBER_SCHEMA,
    input: r.input,
    valid: r.valid,
    e164: r.e164,
    result: r.result,
    format: r.format,
    carrier: extra.carrier ?? null,
    country: r.country,
    callingCode: r.callingCode,
    nationalNumber: r.nationalNumber,
    type: r.type,
    inputFormat: r.inputFormat,
    numberFormat: r.numberFormat,
    extension: r.extension,
    uri: !r.uri
      ? null
      : u?.type === 'sip'
        ? { scheme: u.scheme, user: u.user, host: u.host, port: u.port, params: u.params.toObject(), numberParams: r.uri.numberParams }
        : { scheme: 'tel', user: u?.type === 'tel' ? u.number : null, host: null, port: null, params: u?.type === 'tel' ? u.params.toObject() : {}, numberParams: r.uri.numberParams },
    candidates: r.candidates,
    explanation: r.explanation,
    problems: r.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message })),
  };
  if (extra.line === undefined) return json;
  const { schema, input, ...rest } = json;
  return { schema, input, line: extra.line, ...rest };
}
