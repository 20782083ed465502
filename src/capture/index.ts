// Capture layer: a streaming pcap/pcapng reader that yields SIP messages with their timing and
// addresses, and a pcap writer for siptool's own traffic. Imports the core only.

// Reading
export { CaptureReader, readCapture, readCaptureAll, readCaptureSync, readFrames, type CaptureInput, type CaptureResult, type ReadCaptureOptions } from './read-capture.js';
export { SipPacketDecoder, MAX_NOTES_PER_CODE, type DecoderOptions } from './sip-packet-decoder.js';
export type { CaptureEvent, CaptureMessage, CaptureTransport } from './capture-message.js';
export { CAPTURE_NOTE_CODES, type CaptureNote, type CaptureNoteCode } from './capture-note.js';
export type { CaptureStats } from './capture-stats.js';
export type { CaptureFrame } from './capture-frame.js';
export { CAPTURE_ERROR_CODES, CaptureError, type CaptureErrorCode } from './capture-error.js';
export { DEFAULT_CAPTURE_LIMITS, type CaptureLimits } from './capture-limits.js';
export { LINK_TYPES, isSupportedLinkType } from './link-layer.js';
export { isSipDatagram } from './sip-sniff.js';

// Times and addresses
export { captureTimeDiff, captureTimeToDate, captureTimeToSeconds, compareCaptureTime, formatCaptureTime, toCaptureTime, type CaptureTime } from './capture-time.js';
export { formatEndpoint, type Endpoint } from './endpoint.js';

// Writing
export { buildCapture, createPcapFile, PcapWriter, type AddressPort, type PacketSpec, type PcapWriterOptions } from './pcap-writer.js';
export { FileSink, MemorySink, type PcapSink } from './pcap-sink.js';
