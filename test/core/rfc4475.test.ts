import { parseMessage, parseMessageOrThrow, SipParseError, type Problem, type ProblemCode } from '../../src/index.js';
import { fixture, readTsv } from '../helpers/fixtures.js';

/**
 * RFC 4475 torture tests: every file of the archive gets the verdict EXPECTED.tsv gives it,
 * and each invalid one the specific problem(s) the RFC describes.
 */
const rows = readTsv('sip', 'rfc4475', 'EXPECTED.tsv');

/** The problems each non-valid message must produce: [code, header or undefined]. */
const EXPECTED_PROBLEMS: Record<string, Array<[ProblemCode, string?]>> = {
  badinv01: [['SIP_EMPTY_LIST_ELEMENT', 'Via'], ['SIP_EMPTY_PARAMETER', 'Via'], ['SIP_EMPTY_PARAMETER', 'Contact']],
  clerr: [['SIP_BODY_TRUNCATED', 'Content-Length']],
  ncl: [['SIP_CONTENT_LENGTH_INVALID', 'Content-Length']],
  scalar02: [['SIP_VALUE_OUT_OF_RANGE', 'CSeq'], ['SIP_VALUE_OUT_OF_RANGE', 'Max-Forwards'], ['SIP_VALUE_OUT_OF_RANGE', 'Expires'], ['SIP_VALUE_OUT_OF_RANGE', 'Contact']],
  scalarlg: [['SIP_VALUE_OUT_OF_RANGE', 'CSeq'], ['SIP_VALUE_OUT_OF_RANGE', 'Retry-After'], ['SIP_WARNING_CODE_INVALID', 'Warning']],
  quotbal: [['SIP_UNTERMINATED_QUOTE', 'To']],
  ltgtruri: [['SIP_REQUEST_URI_INVALID']],
  lwsruri: [['SIP_REQUEST_URI_INVALID']],
  lwsstart: [['SIP_START_LINE_WHITESPACE']],
  trws: [['SIP_START_LINE_WHITESPACE']],
  escruri: [['SIP_REQUEST_URI_HEADERS']],
  baddate: [['SIP_DATE_INVALID', 'Date']],
  regbadct: [['SIP_ADDR_SPEC_NEEDS_BRACKETS', 'Contact']],
  badaspec: [['SIP_ADDR_SPEC_WHITESPACE', 'To']],
  baddn: [['SIP_DISPLAY_NAME_UNQUOTED', 'From'], ['SIP_DISPLAY_NAME_UNQUOTED', 'To'], ['SIP_HEADERS_UNTERMINATED']],
  badvers: [['SIP_VERSION_UNSUPPORTED'], ['SIP_VERSION_UNSUPPORTED', 'Via']],
  mismatch01: [['SIP_CSEQ_METHOD_MISMATCH', 'CSeq']],
  mismatch02: [['SIP_CSEQ_METHOD_MISMATCH', 'CSeq']],
  bigcode: [['SIP_STATUS_CODE_INVALID']],
  badbranch: [['SIP_VIA_BRANCH_EMPTY', 'Via']],
  insuf: [['SIP_HEADER_MISSING', 'Call-ID'], ['SIP_HEADER_MISSING', 'From'], ['SIP_HEADER_MISSING', 'To'], ['SIP_HEADER_MISSING', 'Max-Forwards']],
  multi01: [['SIP_HEADER_DUPLICATE', 'Call-ID'], ['SIP_HEADER_DUPLICATE', 'CSeq'], ['SIP_HEADER_DUPLICATE', 'From'], ['SIP_HEADER_DUPLICATE', 'To'], ['SIP_HEADER_DUPLICATE', 'Max-Forwards']],
  mcl01: [['SIP_CONTENT_LENGTH_CONFLICT', 'Content-Length']],
  inv2543: [['SIP_VIA_BRANCH_MISSING', 'Via'], ['SIP_FROM_TAG_MISSING', 'From'], ['SIP_HEADER_MISSING', 'Max-Forwards'], ['SIP_CONTENT_LENGTH_MISSING']],
  test: [['SIP_BAD_START_LINE'], ['SIP_HEADER_NO_COLON']],
  dblreq: [['SIP_TRAILING_OCTETS']],
};

function has(problems: Problem[], code: ProblemCode, header?: string): boolean {
  return problems.some((p) => p.code === code && (header === undefined || p.header === header));
}

const describeProblems = (ps: Problem[]): string => ps.map((p) => `${p.severity} ${p.code} ${p.header ?? ''} ${p.line}:${p.column} ${p.message}`).join('\n');

describe('RFC 4475 torture messages', () => {
  it('covers all 50 files with the 25/15/10 split', () => {
    expect(rows).toHaveLength(50);
    const count = (v: string): number => rows.filter((r) => r.expected_verdict === v).length;
    expect([count('valid'), count('invalid-but-parseable-with-notes'), count('must-reject')]).toEqual([25, 15, 10]);
  });

  describe.each(rows.map((r) => [r.file!, r.expected_verdict!] as const))('%s', (file, verdict) => {
    const name = file.replace(/\.dat$/, '');
    const bytes = fixture('sip', 'rfc4475', file);
    const { message, problems } = parseMessage(bytes);
    const errors = problems.filter((p) => p.severity === 'error');

    if (verdict === 'valid') {
      it('parses with no error-level problem', () => {
        expect(message).toBeDefined();
        if (errors.length > 0) throw new Error(describeProblems(errors));
      });
      it('parses strictly', () => {
        expect(() => parseMessageOrThrow(bytes)).not.toThrow();
      });
    } else {
      it(`is ${verdict === 'must-reject' ? 'rejected' : 'parsed with notes'}`, () => {
        if (verdict === 'invalid-but-parseable-with-notes') expect(message).toBeDefined();
        expect(errors.length).toBeGreaterThan(0);
      });
      it('fails the strict parser with a typed error', () => {
        let thrown: unknown;
        try {
          parseMessageOrThrow(bytes);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(SipParseError);
        const err = thrown as SipParseError;
        expect(err.code).toMatch(/^SIP_[A-Z_]+$/);
        expect(err.line).toBeGreaterThanOrEqual(1);
      });
    }
    const expected = EXPECTED_PROBLEMS[name];
    if (expected) {
      it.each(expected.map(([code, header]) => [code, header ?? '(message)'] as const))('reports %s on %s', (code, header) => {
        if (!has(problems, code, header === '(message)' ? undefined : header)) throw new Error(`missing ${code} ${header}; got:\n${describeProblems(problems)}`);
      });
    }
    it('gives every problem a code, a severity and a position inside the input', () => {
      for (const p of problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
        expect(p.offset).toBeGreaterThanOrEqual(0);
        expect(p.offset).toBeLessThanOrEqual(bytes.length);
        expect(p.message.length).toBeGreaterThan(0);
      }
    });
  });
});
