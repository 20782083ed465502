import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { TlsClientOptions } from './tls-report.js';

/**
 * A keylog sink that appends SSLKEYLOGFILE lines (NSS key log format) to `path`, so Wireshark
 * can decrypt a capture of the TLS session. Returns the sink and a function to close the file.
 */
export function keylogFileSink(path: string): { sink: (line: Buffer) => void; close: () => void } {
  const fd = openSync(path, 'a', 0o600);
  let open = true;
  return {
    sink: (line) => {
      if (open) writeSync(fd, line);
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Reads --ca/--cert/--key files into TlsClientOptions (PEM). */
export function readTlsFiles(files: { caFile?: string; certFile?: string; keyFile?: string }): Pick<TlsClientOptions, 'ca' | 'cert' | 'key'> {
  const out: Pick<TlsClientOptions, 'ca' | 'cert' | 'key'> = {};
  if (files.caFile) out.ca = readFileSync(files.caFile);
  if (files.certFile) out.cert = readFileSync(files.certFile);
  if (files.keyFile) out.key = readFileSync(files.keyFile);
  return out;
}
