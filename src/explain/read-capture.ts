import { CaptureError } from '../capture/capture-error.js';
import { readCapture, type CaptureInput } from '../capture/read-capture.js';
import type { CaptureMessage } from '../capture/capture-message.js';
import type { CaptureNote } from '../capture/capture-note.js';
import type { Problem } from '../core/problems.js';
import { captureTimeToSeconds } from '../capture/capture-time.js';
import type { ExplainRun } from './explain-run.js';
import type { Endpoint, FlowMessage } from './flow-message.js';

export interface CaptureReadResult {
  /** SIP messages added to the run. */
  messages: number;
  /** Frames that held bytes the reader could not make a SIP message of (no start line). */
  unreadable: number;
  /** The reader's warnings and errors (TCP gaps, truncated frames, limits ...). */
  notes: CaptureNote[];
  /** Set when the file is corrupt or truncated: everything before `offset` was read and added. */
  error: CaptureError | undefined;
}

/** Endpoints seen lately, shared by the messages (and report rows) that name them: address → port → endpoint. */
const endpoints = new Map<string, Map<number, Endpoint>>();
let endpointCount = 0;

function endpoint(address: string, port: number): Endpoint {
  let byPort = endpoints.get(address);
  if (!byPort) {
    if (endpointCount >= 4096) {
      endpoints.clear();
      endpointCount = 0;
    }
    byPort = new Map();
    endpoints.set(address, byPort);
  }
  let e = byPort.get(port);
  if (!e) {
    e = { address, port };
    byPort.set(port, e);
    endpointCount++;
  }
  return e;
}

/**
 * A captured message as the rules see it: its time, addresses and transport, lines relative to
 * the message. Read it with `validate: false`: `validateAs` asks ExplainRun for the full checks.
 */
export function captureFlowMessage(cm: CaptureMessage & { message: NonNullable<CaptureMessage['message']> }, file: string, index: number, takeProblems = false): FlowMessage {
  return {
    index,
    message: cm.message,
    // takeProblems: the caller drops `cm`, whose list (the parser's own) then needs no copy
    problems: takeProblems ? (cm.problems as Problem[]) : [...cm.problems],
    origin: { file, line: 1, offset: 0, frame: cm.frames[cm.frames.length - 1] ?? 0 },
    time: captureTimeToSeconds(cm.time),
    src: endpoint(cm.src.address, cm.src.port),
    dst: endpoint(cm.dst.address, cm.dst.port),
    transport: cm.transport,
    validateAs: cm.transport === 'tcp' ? 'stream' : 'datagram',
  };
}

/**
 * Streams a pcap/pcapng capture (a file path is read in chunks, never whole) into an explain
 * run. A corrupt or truncated file is not thrown: everything read before the fault is in the
 * run, and the error is returned for the caller to report.
 */
export async function readCaptureInto(input: CaptureInput, file: string, run: ExplainRun): Promise<CaptureReadResult> {
  const result: CaptureReadResult = { messages: 0, unreadable: 0, notes: [], error: undefined };
  try {
    // parsed lazily here; validated (ExplainRun) when its call is checked, so waiting messages stay small
    for await (const batch of readCapture(input, { validate: false }).batches()) {
      for (const ev of batch) {
        if (ev.kind === 'note') {
          if (ev.severity !== 'info') result.notes.push(ev);
          continue;
        }
        if (!ev.message) {
          result.unreadable++;
          continue;
        }
        run.add(captureFlowMessage(ev as CaptureMessage & { message: NonNullable<CaptureMessage['message']> }, file, run.nextIndex, true));
        result.messages++;
      }
    }
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    result.error = e;
  }
  return result;
}
