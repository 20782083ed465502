/**
 * Bounds that keep the capture reader's memory and time in check on hostile or broken files
 * (docs/capture.md, "Limits"). Reaching one is reported as a note (CAPTURE_LIMIT_REACHED or a
 * more specific code), except the two file-level limits, which stop reading with a CaptureError.
 */
export interface CaptureLimits {
  /** Largest captured length of one packet; a pcap record declaring more is an error (256 KiB). */
  maxFrameBytes: number;
  /** Largest pcapng block that is read into memory (packet, section and interface blocks; 16 MiB). Unknown blocks are skipped by length whatever their size. */
  maxBlockBytes: number;
  /** TCP connections tracked at once; the least recently active one is dropped past this (20,000). */
  maxTcpConnections: number;
  /** Bytes held for one direction of a TCP connection: out-of-order segments plus an unfinished message (2 MiB). */
  maxStreamBytes: number;
  /** Out-of-order segments held for one direction before the missing data is declared a gap (512). */
  maxOutOfOrderSegments: number;
  /** Bytes held across all TCP streams and IP fragments; least recently active flows are dropped past this (128 MiB). */
  maxBufferedBytes: number;
  /** Bytes of a TCP stream searched for the first SIP start line (or TLS, or a WebSocket upgrade) before it is ignored (64 KiB). */
  maxSniffBytes: number;
  /** IP datagrams being reassembled at once (4096). */
  maxFragmentedDatagrams: number;
  /** Fragments in one IP datagram (256). */
  maxFragmentsPerDatagram: number;
  /** Capture-time seconds after its first fragment before an incomplete datagram is given up (30, like Linux's ipfrag_time). */
  fragmentTimeoutSeconds: number;
}

export const DEFAULT_CAPTURE_LIMITS: Readonly<CaptureLimits> = {
  maxFrameBytes: 256 * 1024,
  maxBlockBytes: 16 * 1024 * 1024,
  maxTcpConnections: 20_000,
  maxStreamBytes: 2 * 1024 * 1024,
  maxOutOfOrderSegments: 512,
  maxBufferedBytes: 128 * 1024 * 1024,
  maxSniffBytes: 64 * 1024,
  maxFragmentedDatagrams: 4096,
  maxFragmentsPerDatagram: 256,
  fragmentTimeoutSeconds: 30,
};
