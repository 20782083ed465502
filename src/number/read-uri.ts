import { parseUriWithProblems } from '../core/uri/parse-uri.js';
import { splitUserPart } from '../core/uri/user-part.js';
import type { SipUri, TelUri } from '../core/uri/types.js';
import { numberProblem } from './problems.js';
import { clip } from './spell.js';
import type { InputFormat, NumberProblem } from './types.js';

/** What a sip:, sips: or tel: input says about its number, before any numbering plan. */
export interface UriNumber {
  inputFormat: Extract<InputFormat, 'sip-uri' | 'sips-uri' | 'tel-uri'>;
  /** The parsed URI (sip/sips or tel); null when nothing could be read. */
  uri: SipUri | TelUri | null;
  /** The number as written: the user proper of a SIP URI, the number of a tel URI. */
  numberText: string | null;
  /** phone-context of a local number (tel: parameter or SIP user parameter), as written. */
  phoneContext: string | null;
  /** ext parameter, when present. */
  extension: string | null;
  /** user= URI parameter of a SIP URI (null when absent). */
  userParam: string | null;
  /** Parameters inside the SIP user part or of the tel URI, as name → value (lower-case names). */
  numberParams: Record<string, string | null>;
  problems: NumberProblem[];
}

const SCHEME = /^\s*(sips?|tel):/i;
/** `"Alice" <sip:...>;tag=x` or `<tel:...>`: a header value pasted whole. */
const NAME_ADDR = /^\s*(?:"(?:[^"\\]|\\.)*"\s*|[^<"]*)<([^<>]+)>(?:\s*;.*)?\s*$/;

/** The URI in `text` when it is one (bare, or inside <...> as in a From header), else undefined. */
export function uriText(text: string): string | undefined {
  if (SCHEME.test(text)) return text.trim();
  const m = NAME_ADDR.exec(text);
  if (m && SCHEME.test(m[1]!)) return m[1]!.trim();
  return undefined;
}

const TRUNK_PARAMS = new Set(['tgrp', 'trunk-context']);

/** Reads a sip:/sips:/tel: URI with the core URI parser and names what matters for the number. */
export function readUriNumber(text: string): UriNumber {
  const { uri, problems: uriProblems } = parseUriWithProblems(text);
  const problems: NumberProblem[] = [];
  for (const p of uriProblems) {
    // the phone-context rules of RFC 3966 are checked below with their own codes
    if (/phone-context/.test(p.message)) continue;
    problems.push(numberProblem('NUMBER_URI_INVALID', `${p.message} (at character ${p.index + 1} of "${clip(text)}")`));
  }
  if (!uri || uri.type === 'absolute') {
    problems.push(numberProblem('NUMBER_URI_INVALID', `"${clip(text)}" is not a URI siptool can read`));
    const scheme = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase();
    return { inputFormat: scheme === 'tel' ? 'tel-uri' : scheme === 'sips' ? 'sips-uri' : 'sip-uri', uri: null, numberText: null, phoneContext: null, extension: null, userParam: null, numberParams: {}, problems };
  }
  if (uri.type === 'tel') {
    const params = uri.params.toObject();
    const others = Object.keys(params).filter((k) => k !== 'phone-context' && k !== 'ext');
    if (others.length > 0) problems.push(paramsNote(others, params, uri.global ? uri.digits : null));
    return { inputFormat: 'tel-uri', uri, numberText: uri.number, phoneContext: uri.phoneContext, extension: params.ext ?? null, userParam: null, numberParams: params, problems };
  }
  const inputFormat = uri.scheme === 'sips' ? 'sips-uri' : 'sip-uri';
  const userParam = uri.params.get('user') ?? null;
  if (uri.user === null) {
    problems.push(numberProblem('NUMBER_URI_NO_USER', `${uri.scheme}:${uri.host} has no user part, so it names no telephone number (expected ${uri.scheme}:+12293160013@${uri.host})`));
    return { inputFormat, uri, numberText: null, phoneContext: null, extension: null, userParam, numberParams: {}, problems };
  }
  if (uri.password !== null) problems.push(numberProblem('NUMBER_URI_PASSWORD', 'the URI carries a password after the user part; RFC 3261 §19.1.1 advises against it, and it is dropped from the result'));
  const { user, params } = splitUserPart(uri.user);
  const numberParams = params.toObject();
  const others = Object.keys(numberParams).filter((k) => k !== 'phone-context' && k !== 'ext');
  if (others.length > 0) problems.push(paramsNote(others, numberParams, user));
  if (userParam !== null && userParam.toLowerCase() === 'tel') {
    problems.push(numberProblem('NUMBER_USER_TEL', 'user=tel is not defined by RFC 3261; use user=phone'));
  }
  return { inputFormat, uri, numberText: user, phoneContext: numberParams['phone-context'] ?? null, extension: numberParams.ext ?? null, userParam, numberParams, problems };
}

function paramsNote(names: string[], params: Record<string, string | null>, number: string | null): NumberProblem {
  const listed = names.map((n) => (params[n] === null ? n : `${n}=${params[n]}`)).join(';');
  const trunk = names.some((n) => TRUNK_PARAMS.has(n));
  const what = trunk ? 'name the trunk group (RFC 4904), not the number' : 'are parameters of the number, not digits of it';
  const after = number ? `; number matching and STIR/SHAKEN need the bare number` : '';
  return numberProblem('NUMBER_USER_PARAMS', `${listed} ${what}${after}; they are left out of the result`);
}
