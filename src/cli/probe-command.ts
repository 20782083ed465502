import { Option, type Command } from 'commander';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

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
 * `siptool probe`: does the trunk answer? The option table lives here; the code that runs is
 * imported only when the command runs (src/cli/commands/probe.ts).
 */
export function registerProbe(program: Command, color: boolean | undefined, version: string, setExit: (code: number) => void): void {
  program
    .command('probe')
    .description('send OPTIONS (or a real INVITE) to a SIP trunk over UDP, TCP, TLS, WS or WSS, following RFC 3263 failover; report the answer, TLS, NAT view')
    .argument('[target...]', 'one target: domain, host[:port], [IPv6]:port, sip:/sips: URI, udp:|tcp:|tls:host:port, ws:// or wss:// URL')
    .addOption(new Option('-t, --transport <transport>', 'use this transport only (as transport= in the URI)').choices(['udp', 'tcp', 'tls', 'ws', 'wss']))
    .addOption(new Option('-m, --method <method>', 'OPTIONS ping or a real INVITE call (always torn down)').choices(['OPTIONS', 'INVITE', 'options', 'invite']).default('OPTIONS'))
    .option('-c, --count <n>', 'send N OPTIONS like ping, then print min/avg/max/stddev/loss (Ctrl-C stops early)')
    .option('-i, --interval <seconds>', 'time between pings (default 1 s; at least 0.1 s)')
    .option('--timeout <seconds>', 'give up on a request after this long (Timer B/F; default 10 s; "32" for RFC 3261\'s 64*T1)')
    .option('--t1 <ms>', 'RFC 3261 T1: first UDP retransmission after this many ms, doubling (default 500)')
    .option('--from <uri>', 'From address (default sip:siptool@<local address>)')
    .option('--to <uri>', 'To address (default the Request-URI)')
    .option('--user-phone', 'add user=phone to the Request-URI and To (the user part is a telephone number)')
    .option('-H, --header <"Name: value">', 'add a header field to every request (repeatable)', collect, [])
    .option('--contact <uri>', 'our Contact instead of the computed one (e.g. a public address)')
    .option('--local-port <port>', 'bind this local port')
    .option('--codecs <list>', 'INVITE: codecs offered, comma-separated (default PCMU,PCMA,telephone-event)')
    .option('--hold <seconds>', 'INVITE: stay in the answered call this long before BYE (default 0)')
    .option('--ring-timeout <seconds>', 'INVITE: CANCEL when no answer came after this long (default 60)')
    .option('--expect <code|class>', 'expected final response: 200, 2xx, 486, "2xx,404" (default: any final for OPTIONS, 2xx for INVITE)')
    .option('--all', 'probe every RFC 3263 target, side by side (exit 0 only if all answer as expected)')
    .option('-u, --user <name>', 'digest username; the password comes from SIPTOOL_PASSWORD or a prompt (never printed)')
    .option('--ca <file>', 'trust these CA certificates (PEM) for TLS/WSS')
    .option('-k, --insecure', 'TLS: go on when the certificate is not trusted or does not match (reported)')
    .option('--cert <file>', 'TLS client certificate (PEM, mutual TLS)')
    .option('--key <file>', 'private key of --cert (PEM)')
    .option('--keylog <file>', 'append TLS session keys (SSLKEYLOGFILE format) so Wireshark can decrypt a capture')
    .option('--dns-server <server>', 'DNS server for RFC 3263 resolution: IPv4, IPv6, [IPv6]:PORT (repeatable; default /etc/resolv.conf)', collect, [])
    .option('--pcap <file>', 'write every message sent and received to a capture (TLS/WS as clear SIP over TCP)')
    .option('--report <file>', 'write a self-contained HTML report: a ladder per target, every message, findings, the resolver tree and the TLS report')
    .option('--force', 'with --pcap or --report: replace the file if it exists')
    .option('--ladder', 'print a sequence diagram of the exchange')
    .option('--json', 'print the report as JSON (schema siptool.probe/1, docs/json/probe.md)')
    .option('--debug', 'print every SIP message sent and received on stderr (and stack traces of internal errors)')
    .option('--nagios', 'Nagios/Icinga plugin output and exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) with rtt perfdata')
    .option('-w, --warning <seconds>', 'with --nagios: WARNING when the RTT is above this')
    .option('--critical <seconds>', 'with --nagios: CRITICAL when the RTT is above this')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 answered as expected, 1 failed probe (timeout, transport/TLS error, unexpected code), 2 usage error.',
        'Examples:',
        '  siptool probe carrier.example',
        '  siptool probe sips:carrier.example --ca carrier-ca.pem --pcap probe.pcap --ladder',
        '  siptool probe udp:192.0.2.10:5060 --count 5 --interval 0.5',
        '  SIPTOOL_PASSWORD=... siptool probe sip:+15551230000@carrier.example --method INVITE --user alice --hold 2',
        '  siptool probe wss://edge.example/sip --json',
      ].join('\n'),
    )
    .action(async (targets: string[], opts: ProbeCliOptions, cmd: Command) => {
      const { run } = await import('./commands/probe.js');
      const g = cmd.optsWithGlobals() as { debug?: boolean };
      setExit(await run({ targets, options: opts, color, debug: Boolean(g.debug), version }));
    });
}
