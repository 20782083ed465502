import { isIP } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';

export interface TlsClientOptions {
  /** Trusted CA certificates (PEM). Replaces the system store when given. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Go on when verification fails (the report says so: `insecure: true`, `verified: false`). */
  insecure?: boolean;
  /** Client certificate and key (PEM) for mutual TLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
  passphrase?: string;
  /** Receives one NSS key log line (SSLKEYLOGFILE format, with "\n") per secret; see keylogFileSink. */
  keylog?: (line: Buffer) => void;
  /** Warn when the certificate expires within this many days (default 21). */
  expiryWarningDays?: number;
  /** "Now" for the expiry computation (tests). */
  now?: () => Date;
}

/** How the certificate was matched against the SIP domain (RFC 5922 §7.1). */
export interface DomainMatch {
  /** The domain checked, or null when there was none (an IP target without a SIP domain). */
  domain: string | null;
  matched: boolean;
  /** Which identity matched. */
  by: 'san-uri' | 'san-dns' | 'san-ip' | 'cn' | null;
  /** True when only a wildcard DNS name would match, which RFC 5922 §7.2 forbids. */
  wildcardOnly: boolean;
}

export interface CertificateSummary {
  subject: string;
  /** subjectAltName entries as "DNS:x", "URI:sip:x", "IP Address:x". */
  subjectAltNames: string[];
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole days until validTo (negative once expired). */
  daysLeft: number;
  serialNumber: string;
  fingerprint256: string;
}

export interface TlsReport {
  /** "TLSv1.3", "TLSv1.2"... */
  protocol: string | null;
  cipher: string | null;
  /** The SNI server name sent, or null (RFC 6066 forbids IP literals in SNI). */
  servername: string | null;
  sniSent: boolean;
  certificate: CertificateSummary | null;
  /** Subjects from the leaf up, as the peer presented them. */
  chain: Array<{ subject: string; issuer: string }>;
  /** The chain verified against the trusted CAs. */
  chainVerified: boolean;
  /** OpenSSL's reason when it did not ("DEPTH_ZERO_SELF_SIGNED_CERT"...). */
  chainError: string | null;
  domainMatch: DomainMatch;
  /** chainVerified and domainMatch.matched. */
  verified: boolean;
  /** Verification was switched off by the caller. */
  insecure: boolean;
  clientCertificateSent: boolean;
  /** Human-readable warnings: expiry, insecure mode, old protocol, no SNI... */
  warnings: string[];
}

function dn(x: PeerCertificate['subject'] | undefined): string {
  if (!x) return '';
  return Object.entries(x)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

/** Splits Node's subjectaltname string ("DNS:a, URI:sip:b, IP Address:1.2.3.4"); quoted values kept whole. */
export function splitSubjectAltNames(s: string | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') quoted = !quoted;
    if (!quoted && c === ',' && s[i + 1] === ' ') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out.map((e) => e.replace(/^([A-Za-z ]+):"(.*)"$/, '$1:$2'));
}

function wildcardMatches(pattern: string, domain: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const rest = pattern.slice(1); // ".example.com"
  const dot = domain.indexOf('.');
  return dot > 0 && domain.slice(dot) === rest;
}

/**
 * RFC 5922 §7.1–7.2: the SIP domain must equal a subjectAltName URI `sip:domain` or a DNS name,
 * whole and case-insensitively, never by wildcard; the CN is used only when there is no SAN.
 * An IP-literal target with no domain is matched against "IP Address" SANs.
 */
export function matchSipDomain(cert: Pick<PeerCertificate, 'subject' | 'subjectaltname'>, domain: string | null): DomainMatch {
  if (!domain) return { domain: null, matched: false, by: null, wildcardOnly: false };
  const d = domain.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const sans = splitSubjectAltNames(cert.subjectaltname);
  if (isIP(d)) {
    const hit = sans.some((s) => s.startsWith('IP Address:') && s.slice(11).toLowerCase() === d);
    return { domain: d, matched: hit, by: hit ? 'san-ip' : null, wildcardOnly: false };
  }
  for (const s of sans) {
    if (!s.startsWith('URI:')) continue;
    const m = /^sips?:([^;?>]+)/i.exec(s.slice(4));
    if (m && !m[1]!.includes('@') && m[1]!.toLowerCase().replace(/:\d+$/, '') === d) return { domain: d, matched: true, by: 'san-uri', wildcardOnly: false };
  }
  let wildcard = false;
  for (const s of sans) {
    if (!s.startsWith('DNS:')) continue;
    const name = s.slice(4).toLowerCase().replace(/\.$/, '');
    if (name === d) return { domain: d, matched: true, by: 'san-dns', wildcardOnly: false };
    if (wildcardMatches(name, d)) wildcard = true;
  }
  const hasSan = sans.some((s) => s.startsWith('DNS:') || s.startsWith('URI:'));
  if (!hasSan) {
    const cn = cert.subject?.CN;
    const cns = (Array.isArray(cn) ? cn : cn ? [cn] : []).map((c) => c.toLowerCase());
    if (cns.includes(d)) return { domain: d, matched: true, by: 'cn', wildcardOnly: false };
    if (cns.some((c) => wildcardMatches(c, d))) wildcard = true;
  }
  return { domain: d, matched: false, by: null, wildcardOnly: wildcard };
}

function summarize(cert: PeerCertificate, now: Date): CertificateSummary {
  const validTo = new Date(cert.valid_to);
  return {
    subject: dn(cert.subject),
    subjectAltNames: splitSubjectAltNames(cert.subjectaltname),
    issuer: dn(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / 86_400_000),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
  };
}

/** Builds the report of an established TLS connection. */
export function buildTlsReport(socket: TLSSocket, servername: string | null, domain: string | null, options: TlsClientOptions): TlsReport {
  const now = options.now?.() ?? new Date();
  const peer = socket.getPeerCertificate(true);
  const hasCert = peer && Object.keys(peer).length > 0;
  const chain: Array<{ subject: string; issuer: string }> = [];
  const seen = new Set<PeerCertificate>();
  for (let c: PeerCertificate | undefined = hasCert ? peer : undefined; c && !seen.has(c) && chain.length < 10; c = (c as { issuerCertificate?: PeerCertificate }).issuerCertificate) {
    seen.add(c);
    chain.push({ subject: dn(c.subject), issuer: dn(c.issuer) });
  }
  const certificate = hasCert ? summarize(peer, now) : null;
  const chainError = socket.authorized ? null : String(socket.authorizationError ?? 'no certificate');
  const domainMatch = hasCert ? matchSipDomain(peer, domain) : { domain, matched: false, by: null, wildcardOnly: false };
  const cipher = socket.getCipher();
  const report: TlsReport = {
    protocol: socket.getProtocol(),
    cipher: cipher ? cipher.standardName ?? cipher.name : null,
    servername,
    sniSent: servername !== null,
    certificate,
    chain,
    chainVerified: socket.authorized,
    chainError,
    domainMatch,
    verified: socket.authorized && domainMatch.matched,
    insecure: options.insecure === true,
    clientCertificateSent: options.cert !== undefined && socket.getCertificate() !== null,
    warnings: [],
  };
  const w = report.warnings;
  const days = options.expiryWarningDays ?? 21;
  if (certificate && certificate.daysLeft < 0) w.push(`the certificate expired on ${certificate.validTo}`);
  else if (certificate && certificate.daysLeft < days) w.push(`the certificate expires in ${certificate.daysLeft} days (${certificate.validTo})`);
  if (!report.chainVerified) w.push(`the certificate chain did not verify: ${chainError}`);
  if (!domain) w.push('no SIP domain to match the certificate against (an IP target); pass the domain');
  else if (!domainMatch.matched) w.push(domainMatch.wildcardOnly ? `the certificate matches ${domain} only through a wildcard, which RFC 5922 §7.2 does not allow` : `the certificate does not name ${domain} (RFC 5922 §7.1: subjectAltName sip: URI or DNS name)`);
  if (!report.sniSent) w.push('no SNI was sent (the target is an IP address without a SIP domain)');
  if (report.protocol && /^TLSv1(\.[01])?$/.test(report.protocol)) w.push(`${report.protocol} is obsolete; carriers require TLS 1.2 or later`);
  if (report.insecure && !report.verified) w.push('verification was switched off (--insecure): the peer is NOT authenticated');
  return report;
}
