import { SiptoolError } from '../errors.js';
import type { RuleSetting } from './engine.js';
import type { CarrierProfile } from './profile.js';
import { PROFILE_NUMBER_FORMATS } from './util/number-plan.js';

/** The contents of siptool.config.json, checked. */
export interface ExplainConfig {
  rules: Record<string, RuleSetting>;
  profile: CarrierProfile;
}

export class ConfigError extends SiptoolError {
  constructor(message: string) {
    super('SIPTOOL_ERR_CONFIG', message);
    this.name = 'ConfigError';
  }
}

const SETTINGS = new Set(['off', 'info', 'warning', 'error']);
const TRANSPORTS = new Set(['udp', 'tcp', 'tls', 'ws', 'wss']);
const NUMBER_HEADERS = new Set(['requestUri', 'to', 'from', 'pai', 'diversion']);

type Check = (v: unknown, path: string) => void;

const stringList: Check = (v, path) => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) throw new ConfigError(`${path}: expected a list of strings`);
};
const oneOf = (...values: string[]): Check => (v, path) => {
  if (typeof v !== 'string' || !values.includes(v)) throw new ConfigError(`${path}: expected one of ${values.join(', ')}`);
};

const PROFILE_FIELDS: Record<keyof CarrierProfile, Check> = {
  name: (v, path) => {
    if (typeof v !== 'string') throw new ConfigError(`${path}: expected a string`);
  },
  domains: stringList,
  numberFormat: (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${path}: expected an object such as {"to": "e164"}`);
    for (const [k, f] of Object.entries(v)) {
      if (!NUMBER_HEADERS.has(k)) throw new ConfigError(`${path}.${k}: unknown header (use ${[...NUMBER_HEADERS].join(', ')})`);
      if (typeof f !== 'string' || !(PROFILE_NUMBER_FORMATS as readonly string[]).includes(f)) throw new ConfigError(`${path}.${k}: expected a number format: ${PROFILE_NUMBER_FORMATS.join(', ')}`);
    }
  },
  userPhone: oneOf('required', 'optional'),
  recordRoute: (v, path) => {
    if (typeof v !== 'boolean') throw new ConfigError(`${path}: expected true or false`);
  },
  codecs: stringList,
  transports: (v, path) => {
    stringList(v, path);
    for (const t of v as string[]) if (!TRANSPORTS.has(t)) throw new ConfigError(`${path}: unknown transport "${t}" (use ${[...TRANSPORTS].join(', ')})`);
  },
  srtp: oneOf('required', 'forbidden', 'optional'),
  ownedNumbers: stringList,
  country: (v, path) => {
    if (typeof v !== 'string' || !/^[A-Z]{2}$/.test(v)) throw new ConfigError(`${path}: expected a two-letter country code such as "US"`);
  },
};

/**
 * Checks a parsed siptool.config.json. Unknown keys and unknown rule ids are errors, not
 * silently ignored: a typo must not turn a rule off. `where` names the file in messages.
 */
export function validateConfig(raw: unknown, knownRules: ReadonlySet<string>, where: string): ExplainConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: the configuration must be a JSON object`);
  const config: ExplainConfig = { rules: {}, profile: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where}: "rules" must be an object of rule id to off/info/warning/error`);
      for (const [id, setting] of Object.entries(value)) {
        if (!knownRules.has(id)) throw new ConfigError(`${where}: rules.${id}: no such rule (siptool explain --list-rules lists them)`);
        if (typeof setting !== 'string' || !SETTINGS.has(setting)) throw new ConfigError(`${where}: rules.${id}: expected off, info, warning or error`);
        config.rules[id] = setting as RuleSetting;
      }
    } else if (key === 'profile') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where}: "profile" must be an object`);
      for (const [field, v] of Object.entries(value)) {
        const check = PROFILE_FIELDS[field as keyof CarrierProfile];
        if (!check) throw new ConfigError(`${where}: profile.${field}: unknown field (known: ${Object.keys(PROFILE_FIELDS).join(', ')})`);
        check(v, `${where}: profile.${field}`);
      }
      config.profile = value as CarrierProfile;
    } else {
      throw new ConfigError(`${where}: unknown key "${key}" (use "rules" and "profile")`);
    }
  }
  return config;
}
