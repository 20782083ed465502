import { buildRequest, parseMessage, serializeMessage, seededRandom, type AnySipMessage, type SipRequest, type SipResponse } from '../../src/core/index.js';
import type { InboundFlow } from '../../src/server/listener.js';
import { ListenerUas } from '../../src/server/uas.js';
import type { CallRecord, UasOptions } from '../../src/server/uas-types.js';
import type { SocketEndpoint } from '../../src/transport/index.js';
import { FakeClock } from '../helpers/fake-clock.js';

export interface Sent {
  message: AnySipMessage;
  to: SocketEndpoint | undefined;
}

export function fakeFlow(reliable = false, remotePort = 5062): { flow: InboundFlow; sent: Sent[] } {
  const sent: Sent[] = [];
  const flow: InboundFlow = {
    protocol: reliable ? 'tcp' : 'udp',
    reliable,
    viaTransport: reliable ? 'TCP' : 'UDP',
    local: { address: '127.0.0.1', port: 5060, family: 'IPv4' },
    remote: { address: '127.0.0.1', port: remotePort, family: 'IPv4' },
    closed: false,
    send: async (message, to) => {
      sent.push({ message, to });
    },
  };
  return { flow, sent };
}

/** Serialized and parsed again, as if it had come off the wire. */
export function wire<T extends AnySipMessage>(m: T): T {
  return parseMessage(serializeMessage(m), { validate: false }).message as T;
}

export const SDP_OFFER = ['v=0', 'o=caller 1 1 IN IP4 198.51.100.7', 's=-', 'c=IN IP4 198.51.100.7', 't=0 0', 'm=audio 30000 RTP/AVP 8 0 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', ''].join('\r\n');

export function invite(opts: { port?: number; transport?: string; headers?: Array<[string, string]>; callId?: string; branch?: string; sdp?: string | null } = {}): SipRequest {
  return wire(
    buildRequest(
      {
        method: 'INVITE',
        uri: 'sip:+14155550100@127.0.0.1:5060',
        from: '<sip:+12125550100@carrier.example>',
        to: '<sip:+14155550100@127.0.0.1>',
        via: { transport: opts.transport ?? 'UDP', host: '192.0.2.10', port: opts.port ?? 5062, branch: opts.branch },
        callId: opts.callId,
        contact: `<sip:carrier@127.0.0.1:${opts.port ?? 5062}>`,
        headers: opts.headers,
        ...(opts.sdp === null ? {} : { body: opts.sdp ?? SDP_OFFER, contentType: 'application/sdp' }),
      },
      { random: seededRandom(opts.branch ? opts.branch.length * 7 + 1 : (opts.callId?.length ?? 3) * 13 + Math.floor(Math.random() * 1e6)) },
    ),
  );
}

/** A request in the dialog of `inv`, with the To tag of `res`. */
export function inDialog(method: string, inv: SipRequest, res: SipRequest | SipResponse, extra: { cseq?: number; headers?: Array<[string, string]>; branch?: string } = {}): SipRequest {
  const v = inv.topVia!;
  return wire(
    buildRequest(
      {
        method,
        uri: 'sip:siptool@127.0.0.1:5060',
        from: inv.value('From')!,
        to: res.value('To')!,
        via: { transport: v.transport, host: v.host, port: v.port ?? undefined, branch: extra.branch },
        callId: inv.callId,
        cseq: extra.cseq ?? (method === 'ACK' ? inv.cseq!.seq : inv.cseq!.seq + 1),
        headers: extra.headers,
      },
      { random: seededRandom(Math.floor(Math.random() * 1e6) + 1) },
    ),
  );
}

/** The ACK of a non-2xx final: same branch as the INVITE (RFC 3261 §17.1.1.3). */
export function ackFor(inv: SipRequest, res: SipResponse): SipRequest {
  return inDialog('ACK', inv, res, { branch: inv.branch });
}

export function cancelOf(inv: SipRequest): SipRequest {
  const v = inv.topVia!;
  return wire(
    buildRequest(
      { method: 'CANCEL', uri: inv.uri, from: inv.value('From')!, to: inv.value('To')!, via: { transport: v.transport, host: v.host, port: v.port ?? undefined, branch: inv.branch }, callId: inv.callId, cseq: inv.cseq!.seq },
      { random: seededRandom(5) },
    ),
  );
}

export function setup(options: UasOptions = {}, reliable = false): { clock: FakeClock; uas: ListenerUas; flow: InboundFlow; sent: Sent[]; ended: CallRecord[]; deliver: (m: AnySipMessage) => void; statuses: () => number[] } {
  const clock = new FakeClock();
  const ended: CallRecord[] = [];
  const uas = new ListenerUas({ clock, random: seededRandom(42), ...options, delegate: { onCallEnd: (r) => ended.push(r), ...options.delegate } });
  const { flow, sent } = fakeFlow(reliable);
  const deliver = (m: AnySipMessage): void => uas.receive(m, { remote: flow.remote, timestamp: 0, bytes: 0, problems: [] }, flow);
  const statuses = (): number[] => sent.filter((s) => s.message.kind === 'response').map((s) => (s.message as SipResponse).status);
  return { clock, uas, flow, sent, ended, deliver, statuses };
}
