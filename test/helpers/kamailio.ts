import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestCerts, type TestCert } from './certs.js';
import { Child, freePort, hasBinary, waitForTcp } from './processes.js';

/** Numbers the test carrier treats specially (everything else goes to the SIPp UAS). */
export const NUMBERS = { auth: '1000', forbidden: '4030', busy: '4860', unavailable: '5030', silent: '2000', answer: '100' } as const;
export const AUTH = { username: 'alice', password: 'kam-test-pw-7361', realm: 'sip.test' } as const;
export const DOMAIN = 'sip.test';

export interface Carrier {
  udp: number;
  tcp: number;
  tls: number;
  sipp: number;
  cert: TestCert;
  /** SIPp's message log so far (what the UAS received and sent). */
  sippLog(): string;
  kamailioLog(): string;
  stop(): Promise<void>;
}

export function interopAvailable(): boolean {
  return hasBinary('kamailio') && hasBinary('sipp') && existsSync('/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so');
}

const SIPP_UAS = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="siptool test UAS">
  <recv request="INVITE" crlf="true"/>
  <send><![CDATA[
SIP/2.0 100 Trying
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <send><![CDATA[
SIP/2.0 180 Ringing
[last_Via:]
[last_Record-Route:]
[last_From:]
[last_To:];tag=[pid]uas[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:uas@[local_ip]:[local_port];transport=[transport]>
Content-Length: 0

]]></send>
  <pause milliseconds="60"/>
  <send retrans="500"><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_Record-Route:]
[last_From:]
[last_To:];tag=[pid]uas[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:uas@[local_ip]:[local_port];transport=[transport]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=uas 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv request="ACK" crlf="true"/>
  <recv request="BYE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
</scenario>
`;

function kamailioCfg(p: { udp: number; tcp: number; tls: number; sipp: number; dir: string; cert: TestCert }): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=2
tcp_children=2
auto_aliases=no
alias="${DOMAIN}"
dns=no
rev_dns=no
dns_try_ipv6=no
use_dns_cache=off
enable_tls=yes
server_header="Server: siptool-test-carrier (Kamailio)"
listen=udp:127.0.0.1:${p.udp}
listen=tcp:127.0.0.1:${p.tcp}
listen=tls:127.0.0.1:${p.tls}
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tls.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "auth.so"
modparam("tls", "certificate", "${p.cert.certFile}")
modparam("tls", "private_key", "${p.cert.keyFile}")
modparam("tls", "tls_method", "TLSv1.2+")
modparam("tls", "verify_certificate", 0)
modparam("tls", "require_certificate", 0)
modparam("auth", "secret", "siptool-test-secret")
modparam("auth", "algorithm", "SHA-256")
modparam("rr", "enable_double_rr", 1)

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (is_method("OPTIONS") && $rU == $null) {
    append_to_reply("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK\\r\\nAccept: application/sdp\\r\\nSupported: 100rel, timer\\r\\n");
    sl_send_reply("200", "OK");
    exit;
  }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
    sl_send_reply("404", "Not here");
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
  if (t_check_trans()) { exit; }
  if (!is_method("INVITE")) { sl_send_reply("405", "Method Not Allowed"); exit; }
  if ($rU == "${NUMBERS.silent}") { xlog("L_INFO", "siptool-test: silent for $ci\\n"); exit; }
  if ($rU == "${NUMBERS.forbidden}") { sl_send_reply("403", "Forbidden"); exit; }
  if ($rU == "${NUMBERS.busy}") { sl_send_reply("486", "Busy Here"); exit; }
  if ($rU == "${NUMBERS.unavailable}") { append_to_reply("Retry-After: 120\\r\\n"); sl_send_reply("503", "Service Unavailable"); exit; }
  if ($rU == "${NUMBERS.auth}") {
    $var(pw) = "${AUTH.password}";
    if (!pv_www_authenticate("${AUTH.realm}", "$var(pw)", "0")) {
      xlog("L_INFO", "siptool-test: challenge $ci\\n");
      www_challenge("${AUTH.realm}", "1");
      exit;
    }
    if ($au != "${AUTH.username}") { sl_send_reply("403", "Wrong user"); exit; }
    consume_credentials();
    xlog("L_INFO", "siptool-test: authenticated $au for $ci\\n");
  }
  record_route();
  $du = "sip:127.0.0.1:${p.sipp};transport=udp";
  if (!t_relay()) { sl_reply_error(); }
  exit;
}
`;
}

/**
 * Starts Kamailio (UDP, TCP, TLS on 127.0.0.1, free ports, self-signed certificate for
 * sip.test) in front of a SIPp UAS, both stopped by PID in `stop()`.
 */
export async function startCarrier(): Promise<Carrier> {
  const dir = mkdtempSync(join(tmpdir(), 'siptool-kamailio-'));
  const certs = new TestCerts();
  const cert = certs.make({ cn: DOMAIN, san: `DNS:${DOMAIN},URI:sip:${DOMAIN}` });
  const [udp, tcp, tls, sipp] = [await freePort(), await freePort(), await freePort(), await freePort()];
  writeFileSync(join(dir, 'uas.xml'), SIPP_UAS);
  writeFileSync(join(dir, 'kamailio.cfg'), kamailioCfg({ udp, tcp, tls, sipp, dir, cert }));
  const msgLog = join(dir, 'sipp-messages.log');
  const sippProc = new Child('sipp', 'sipp', ['-sf', join(dir, 'uas.xml'), '-i', '127.0.0.1', '-p', String(sipp), '-t', 'u1', '-nostdin', '-trace_msg', '-message_file', msgLog, '-trace_err', '-error_file', join(dir, 'sipp-errors.log'), '-aa'], dir);
  const kam = new Child('kamailio', 'kamailio', ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E', '-m', '64', '-M', '8', '-Y', dir, '-w', dir], dir);
  const stop = async (): Promise<void> => {
    await Promise.all([kam.stop(), sippProc.stop()]);
    certs.cleanup();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForTcp(tcp, kam);
    await waitForTcp(tls, kam);
    await new Promise((r) => setTimeout(r, 300));
    if (sippProc.exited) throw new Error(`sipp exited:\n${sippProc.output}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    udp,
    tcp,
    tls,
    sipp,
    cert,
    sippLog: () => (existsSync(msgLog) ? readFileSync(msgLog, 'latin1') : ''),
    kamailioLog: () => kam.output,
    stop,
  };
}
