import { NetworkDnsClient, type NetworkDnsClientOptions } from '../../src/dns/network-dns-client.js';
import type { ResolveResult } from '../../src/dns/resolve-result.js';
import { resolveSip, type ResolveOptions } from '../../src/dns/resolve-sip.js';
import { loadZone, TestDnsServer, type Zone } from './dns-server.js';

export interface ZoneRun {
  result: ResolveResult;
  server: TestDnsServer;
}

/**
 * Starts the in-process server with a zone (a fixture name or a Zone), resolves `input` against
 * it and stops the server. Short timeouts: the hostile zones are meant to fail fast.
 */
export async function resolveZone(
  zone: string | Zone,
  input: string,
  options: Partial<Omit<ResolveOptions, 'dns'>> = {},
  client: Partial<NetworkDnsClientOptions> = {},
): Promise<ZoneRun> {
  const server = await TestDnsServer.start(typeof zone === 'string' ? loadZone(zone) : zone);
  try {
    const dns = new NetworkDnsClient({ servers: [server.server], timeoutMs: 1000, tries: 1, ...client });
    const result = await resolveSip(input, { stacks: true, ...options, dns });
    return { result, server };
  } finally {
    await server.stop();
  }
}

export const codes = (r: ResolveResult): string[] => r.findings.map((f) => f.code);
export const severityOf = (r: ResolveResult, code: string): string | undefined => r.findings.find((f) => f.code === code)?.severity;
