import type { Command } from 'commander';
import { registerSpec, type CommandSpec, type RunContext } from './command-spec.js';

/** Options as commander hands them over (all text; probe-options.ts checks them). */
export interface ProbeCliOptions {
  transport?: string;
  method: string;
  count?: string;
  interval?: string;
  timeout?: string;
  t1?: string;
  from?: string;
  to?: string;
  userPhone?: boolean;
  header: string[];
  contact?: string;
  localPort?: string;
  codecs?: string;
  hold?: string;
  ringTimeout?: string;
  expect?: string;
  all?: boolean;
  user?: string;
  ca?: string;
  insecure?: boolean;
  cert?: string;
  key?: string;
  keylog?: string;
  dnsServer: string[];
  pcap?: string;
  force?: boolean;
  ladder?: boolean;
  report?: string;
  json?: boolean;
  nagios?: boolean;
  warning?: string;
  critical?: string;
}

/**
 * `siptool probe`: does the trunk answer? The option table, as data that commander and the quick
 * reader of plain command lines share (command-spec.ts); the code that runs is imported only when
 * the command runs (src/cli/commands/probe.ts).
 */
export const PROBE_COMMAND: CommandSpec<ProbeCliOptions> = {
  path: ['probe'],
  description: 'send OPTIONS (or a real INVITE) to a SIP trunk over UDP, TCP, TLS, WS or WSS, following RFC 3263 failover; report the answer, TLS, NAT view',
  operand: ['[target...]', 'one target: domain, host[:port], [IPv6]:port, sip:/sips: URI, udp:|tcp:|tls:host:port, ws:// or wss:// URL'],
  options: [
    { flags: '-t, --transport <transport>', description: 'use this transport only (as transport= in the URI)', choices: ['udp', 'tcp', 'tls', 'ws', 'wss'] },
    { flags: '-m, --method <method>', description: 'OPTIONS ping or a real INVITE call (always torn down)', choices: ['OPTIONS', 'INVITE', 'options', 'invite'], default: 'OPTIONS' },
    { flags: '-c, --count <n>', description: 'send N OPTIONS like ping, then print min/avg/max/stddev/loss (Ctrl-C stops early)' },
    { flags: '-i, --interval <seconds>', description: 'time between pings (default 1 s; at least 0.1 s)' },
    { flags: '--timeout <seconds>', description: 'give up on a request after this long (Timer B/F; default 10 s; "32" for RFC 3261\'s 64*T1)' },
    { flags: '--t1 <ms>', description: 'RFC 3261 T1: first UDP retransmission after this many ms, doubling (default 500)' },
    { flags: '--from <uri>', description: 'From address (default sip:siptool@<local address>)' },
    { flags: '--to <uri>', description: 'To address (default the Request-URI)' },
    { flags: '--user-phone', description: 'add user=phone to the Request-URI and To (the user part is a telephone number)' },
    { flags: '-H, --header <"Name: value">', description: 'add a header field to every request (repeatable)', repeatable: true },
    { flags: '--contact <uri>', description: 'our Contact instead of the computed one (e.g. a public address)' },
    { flags: '--local-port <port>', description: 'bind this local port' },
    { flags: '--codecs <list>', description: 'INVITE: codecs offered, comma-separated (default PCMU,PCMA,telephone-event)' },
    { flags: '--hold <seconds>', description: 'INVITE: stay in the answered call this long before BYE (default 0)' },
    { flags: '--ring-timeout <seconds>', description: 'INVITE: CANCEL when no answer came after this long (default 60)' },
    { flags: '--expect <code|class>', description: 'expected final response: 200, 2xx, 486, "2xx,404" (default: any final for OPTIONS, 2xx for INVITE)' },
    { flags: '--all', description: 'probe every RFC 3263 target, side by side (exit 0 only if all answer as expected)' },
    { flags: '-u, --user <name>', description: 'digest username; the password comes from SIPTOOL_PASSWORD or a prompt (never printed)' },
    { flags: '--ca <file>', description: 'trust these CA certificates (PEM) for TLS/WSS' },
    { flags: '-k, --insecure', description: 'TLS: go on when the certificate is not trusted or does not match (reported)' },
    { flags: '--cert <file>', description: 'TLS client certificate (PEM, mutual TLS)' },
    { flags: '--key <file>', description: 'private key of --cert (PEM)' },
    { flags: '--keylog <file>', description: 'append TLS session keys (SSLKEYLOGFILE format) so Wireshark can decrypt a capture' },
    { flags: '--dns-server <server>', description: 'DNS server for RFC 3263 resolution: IPv4, IPv6, [IPv6]:PORT (repeatable; default /etc/resolv.conf)', repeatable: true },
    { flags: '--pcap <file>', description: 'write every message sent and received to a capture (TLS/WS as clear SIP over TCP)' },
    { flags: '--report <file>', description: 'write a self-contained HTML report: a ladder per target, every message, findings, the resolver tree and the TLS report' },
    { flags: '--force', description: 'with --pcap or --report: replace the file if it exists' },
    { flags: '--ladder', description: 'print a sequence diagram of the exchange' },
    { flags: '--json', description: 'print the report as JSON (schema siptool.probe/1, docs/json/probe.md)' },
    { flags: '--debug', description: 'print every SIP message sent and received on stderr (and stack traces of internal errors)' },
    { flags: '--nagios', description: 'Nagios/Icinga plugin output and exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) with rtt perfdata' },
    { flags: '-w, --warning <seconds>', description: 'with --nagios: WARNING when the RTT is above this' },
    { flags: '--critical <seconds>', description: 'with --nagios: CRITICAL when the RTT is above this' },
  ],
  helpAfter: [
    '',
    'Exit codes: 0 answered as expected, 1 failed probe (timeout, transport/TLS error, unexpected code), 2 usage error.',
    'Examples:',
    '  siptool probe carrier.example',
    '  siptool probe sips:carrier.example --ca carrier-ca.pem --pcap probe.pcap --ladder',
    '  siptool probe udp:192.0.2.10:5060 --count 5 --interval 0.5',
    '  SIPTOOL_PASSWORD=... siptool probe sip:+15551230000@carrier.example --method INVITE --user alice --hold 2',
    '  siptool probe wss://edge.example/sip --json',
  ].join('\n'),
  run: async (targets, options, { color, debug, version }: RunContext) => {
    const { run } = await import('./commands/probe.js');
    return run({ targets, options, color, debug, version: version() });
  },
};

/** Adds `siptool probe` to commander. */
export function registerProbe(program: Command, context: Omit<RunContext, 'debug'>, setExit: (code: number) => void): void {
  registerSpec(program, PROBE_COMMAND, context, setExit);
}
