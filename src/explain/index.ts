// siptool explain: a rule engine over SIP messages, transactions and calls.

// Files
export { buildFlow, finalResponses, requestOf, type Call, type Flow, type Transaction } from './build-flow.js';
export { ConfigError, validateConfig, type ExplainConfig } from './config.js';
export { locate, runRules, sortFindings, type EngineOptions, type RuleSetting } from './engine.js';
export { ExplainRun, type ExplainRunOptions } from './explain-run.js';
export { endpointText, type Endpoint, type FlowMessage, type Transport } from './flow-message.js';
export { DEFAULT_FLOW_LIMITS, FlowStream, type FlowStreamLimits } from './flow-stream.js';
export { EMPTY_PROFILE, type CarrierProfile } from './profile.js';
export { captureFlowMessage, readCaptureInto, type CaptureReadResult } from './read-capture.js';
export { readTextMessages } from './read-text.js';
export { messageLine, toReportMessage, type ReportMessage } from './report-message.js';
export { defineRule, fillTemplate, type Finding, type Location, type Report, type Rule, type RuleCategory, type RuleContext, type RuleMeta } from './rule.js';

// Directories
export { RULES } from './rules/index.js';
export { addressScope, describeScope, isUnreachable, type AddressScope } from './util/address-scope.js';
