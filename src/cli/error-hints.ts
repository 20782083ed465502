/**
 * Friendly next steps for fatal error codes, kept apart from where errors are thrown (like
 * eslint's messages/). Codes are documented in docs/errors.md.
 */
const HINTS: Record<string, string> = {
  SIPTOOL_ERR_INPUT_NOT_FOUND: 'check the path; use "-" to read from stdin',
  SIPTOOL_ERR_INPUT_IS_DIRECTORY: 'pass files, not a directory (a shell glob such as dir/*.sip works)',
  SIPTOOL_ERR_INPUT_TOO_LARGE: 'split the file, or for captures use a pcap reader',
  SIPTOOL_ERR_STDIN_TTY: 'pipe a message in (siptool parse - < invite.txt) or name a file',
  NUMBER_ERR_UNKNOWN_PROFILE: '"siptool number profiles" lists them; your own go in siptool.config.json (docs/carriers.md)',
  NUMBER_ERR_BAD_PROFILE: 'the profile format is described in docs/carriers.md',
};

export function hintFor(code: string): string | undefined {
  return HINTS[code];
}
