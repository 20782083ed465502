import { addressScope, isPlainIpv4, isUnreachable } from './address-scope.js';

/**
 * Host names that resolve only inside a cloud, cluster, container network or LAN: Kubernetes
 * service and pod names, cloud-internal DNS (GCP, AWS, Azure), mDNS, and loopback names.
 */
const INTERNAL_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['.svc.cluster.local', 'a Kubernetes service name'],
  ['.pod.cluster.local', 'a Kubernetes pod name'],
  ['.cluster.local', 'a Kubernetes cluster-internal name'],
  ['.compute.internal', 'an AWS EC2 internal name'],
  ['.ec2.internal', 'an AWS EC2 internal name'],
  ['.internal.cloudapp.net', 'an Azure internal name'],
  ['.internal', 'a cloud-internal name (.internal)'],
  ['.local', 'an mDNS/LAN name (.local)'],
  ['.localdomain', 'a local-only name (.localdomain)'],
  ['.lan', 'a LAN-only name (.lan)'],
  ['.home.arpa', 'a home-network name (.home.arpa)'],
  ['.localhost', 'a loopback name (.localhost)'],
];

/** Why a host name cannot be resolved from outside, or undefined. */
export function internalHostName(host: string): string | undefined {
  // an IPv4 address is no name (judgeHostName's answer), without a cache entry for each new one
  if (isPlainIpv4(host)) return undefined;
  // a capture names the same hosts in message after message
  let why = internalNames.get(host);
  if (why === undefined) {
    if (internalNames.size >= 4096) internalNames.clear();
    why = judgeHostName(host) ?? null;
    internalNames.set(host, why);
  }
  return why ?? undefined;
}

const internalNames = new Map<string, string | null>();

function judgeHostName(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (addressScope(h) !== 'name') return undefined;
  if (h === 'localhost') return 'the loopback name localhost';
  for (const [suffix, what] of INTERNAL_SUFFIXES) if (h.endsWith(suffix)) return what;
  if (!h.includes('.')) return 'a single-label name that public DNS cannot resolve';
  return undefined;
}

/** True for an IP the other side cannot reach, or a name it cannot resolve. */
export function unreachableHost(host: string): boolean {
  return isUnreachable(addressScope(host)) || internalHostName(host) !== undefined;
}
