/**
 * Friendly next steps for fatal error codes, kept apart from where errors are thrown (like
 * eslint's messages/). Codes are documented in docs/errors.md.
 */
const HINTS: Record<string, string> = {
  SIPTOOL_ERR_INPUT_NOT_FOUND: 'check the path; use "-" to read from stdin',
  SIPTOOL_ERR_INPUT_IS_DIRECTORY: 'pass files, not a directory (a shell glob such as dir/*.sip works)',
  SIPTOOL_ERR_INPUT_TOO_LARGE: 'split the file, or give `siptool explain` the capture itself instead of a text export',
  SIPTOOL_ERR_STDIN_TTY: 'pipe a message in (siptool parse - < invite.txt) or name a file',
  NUMBER_ERR_UNKNOWN_PROFILE: '"siptool number profiles" lists them; your own go in siptool.config.json (docs/carriers.md)',
  NUMBER_ERR_BAD_PROFILE: 'the profile format is described in docs/carriers.md',
  DNS_ERR_BAD_SERVER: 'give the DNS server as an address or a name: --dns-server 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53 or ns1.example.com',
  DNS_ERR_BAD_TARGET: 'give one domain (example.com), host:port, or SIP URI (sip:example.com;transport=tcp, sips:alice@example.com)',
  DNS_ERR_NO_SERVERS: 'name a DNS server with --dns-server, or add a nameserver line to /etc/resolv.conf',
  SIPTOOL_ERR_BAD_OPTION: "see the command's --help for the accepted values",
  SIPTOOL_ERR_PROBE_TARGET: 'give one target: carrier.example, host:5060, [2001:db8::1]:5060, sip:+15551230000@carrier.example, udp:192.0.2.10:5060, wss://edge.example/sip',
  SIPTOOL_ERR_BAD_HEADER: 'write one header per --header, as "X-Name: value"',
  SIPTOOL_ERR_NO_PASSWORD: 'export SIPTOOL_PASSWORD (the password is never taken from the command line)',
  SIPTOOL_ERR_PCAP_EXISTS: 'choose a new file name, or add --force to replace it',
};

export function hintFor(code: string): string | undefined {
  return HINTS[code];
}
