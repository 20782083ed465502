import type { Command } from 'commander';

/** Registers `siptool listen` (the implementation is loaded only when it runs). */
export function registerListen(program: Command, color: boolean | undefined, setExit: (code: number) => void): void {
  program
    .command('listen')
    .description('answer calls and OPTIONS on UDP/TCP/TLS, print what arrives and what was sent back, and explain it live')
    .option('--transport <list>', 'transports to listen on, comma-separated: udp, tcp, tls', 'udp,tcp')
    .option('--bind <address>', 'address to listen on (other hosts can reach anything but loopback: a warning is printed)', '127.0.0.1')
    .option('--port <port>', 'UDP and TCP port (0 = any free port, printed)', '5060')
    .option('--tls-port <port>', 'TLS port (0 = any free port)', '5061')
    .option('--cert <file>', 'TLS server certificate (PEM), required with --transport tls')
    .option('--key <file>', 'TLS private key (PEM)')
    .addOption(program.createOption('--answer <status>', 'answer INVITEs with 200 and an SDP answer chosen from the offer (the default)').choices(['200']))
    .addOption(program.createOption('--reject <status>', 'reject INVITEs with this status (503 carries Retry-After)').choices(['403', '404', '486', '503']))
    .option('--ring <seconds>', 'send 180 Ringing and wait this long before the final response', undefined)
    .option('--retry-after <seconds>', 'Retry-After of a 503 (default 60)')
    .option('--max-dialogs <n>', 'most calls at once; more INVITEs get 503 with Retry-After', '32')
    .option('--max-rate <n>', 'requests a second accepted from one address (default 200); the excess is dropped and counted')
    .option('--max-message-size <bytes>', 'largest message accepted; larger ones are dropped and counted', '65536')
    .option('--advertise <host>', 'host to write in Contact and SDP instead of the listening address')
    .option('--config <file>', 'rule severities and carrier profile for the live explain (default: ./siptool.config.json if present)')
    .option('--json', 'print one JSON line per event (schema: docs/json/listen.md)')
    .option('--pcap <file>', 'write the traffic to a capture file (TLS as clear SIP over TCP, pcapng)')
    .option('--force', 'let --pcap overwrite an existing file')
    .option('--once', 'exit after the first finished call (exit code 1 if an error-level finding was seen)')
    .option('--duration <seconds>', 'stop after this many seconds')
    .option('--t1 <ms>', 'RFC 3261 T1 (default 500); Timers G, H, J and the 2xx resends scale with it')
    .addHelpText(
      'after',
      '\nExit codes: 0 no error-level finding, 1 at least one, 2 usage error or the port cannot be bound.\nExamples:\n  siptool listen --port 5080\n  siptool listen --transport udp,tcp,tls --cert cert.pem --key key.pem --once --json\n  siptool listen --reject 486 --ring 2',
    )
    .action(async (opts: Record<string, unknown>) => {
      const { run } = await import('./commands/listen.js');
      const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
      setExit(
        await run({
          transport: String(opts.transport),
          bind: String(opts.bind),
          port: String(opts.port),
          tlsPort: String(opts.tlsPort),
          cert: str(opts.cert),
          key: str(opts.key),
          answer: str(opts.answer),
          reject: str(opts.reject),
          ring: str(opts.ring),
          retryAfter: str(opts.retryAfter),
          maxDialogs: String(opts.maxDialogs),
          maxMessageSize: String(opts.maxMessageSize),
          maxRate: str(opts.maxRate),
          advertise: str(opts.advertise),
          config: str(opts.config),
          json: Boolean(opts.json),
          pcap: str(opts.pcap),
          force: Boolean(opts.force),
          once: Boolean(opts.once),
          duration: str(opts.duration),
          t1: str(opts.t1),
          color,
        }),
      );
    });
}
