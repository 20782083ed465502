import { formatMermaid, mermaidText } from '../../src/format/mermaid.js';
import { buildFlow, readTextMessages, RULES, runRules } from '../../src/index.js';
import { reportOf } from './explain-report.js';

const ARROW = /^ {2}(H\d+)(-->>|->>)(H\d+): (.*)$/;
const PARTICIPANT = /^ {2}participant (H\d+) as (.+)$/;

/** Parse-level check of one diagram: header, declared participants, arrows and notes, nothing else. */
function parse(diagram: string): { participants: Map<string, string>; arrows: Array<{ from: string; to: string; text: string; dashed: boolean }>; notes: string[] } {
  const lines = diagram.split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  const participants = new Map<string, string>();
  const arrows: Array<{ from: string; to: string; text: string; dashed: boolean }> = [];
  const notes: string[] = [];
  for (const line of lines.slice(1)) {
    // no raw statement break, entity start or HTML in any label
    const label = (s: string): string => {
      expect(s.replace(/#\d+;/g, '')).not.toMatch(/[;#<>"\x00-\x1f]/);
      return s;
    };
    let m: RegExpExecArray | null;
    if ((m = PARTICIPANT.exec(line))) {
      expect(m[2]).not.toMatch(/[:,]/);
      participants.set(m[1]!, label(m[2]!));
    } else if ((m = ARROW.exec(line))) {
      // a participant is declared before it is used
      expect(participants.has(m[1]!) && participants.has(m[3]!)).toBe(true);
      arrows.push({ from: m[1]!, to: m[3]!, text: label(m[4]!), dashed: m[2] === '-->>' });
    } else if ((m = /^ {2}Note over (H\d+)(?:,(H\d+))?: (.+)$/.exec(line))) notes.push(label(m[3]!));
    else expect(line).toMatch(/^ {2}%% /);
  }
  return { participants, arrows, notes };
}

describe('Mermaid sequence diagram', () => {
  it('draws every message as an arrow between declared participants, findings as notes', () => {
    const { report, flow } = reportOf(['fixtures/sip/real/call-flow.sip']);
    const out = formatMermaid(flow, report.findings);
    const d = parse(out.trimEnd());
    expect([...d.participants.values()]).toEqual(['10.12.4.7#58;5061', 'sip.carrier.example', 'edge1.carrier.example']);
    expect(d.arrows).toHaveLength(flow.messages.length);
    expect(d.arrows[0]).toEqual({ from: 'H1', to: 'H2', text: '1. INVITE (SDP)', dashed: false });
    expect(d.arrows[1]).toEqual({ from: 'H2', to: 'H1', text: '2. 100 Trying', dashed: true });
    expect(d.arrows[3]).toEqual({ from: 'H1', to: 'H3', text: '4. PRACK', dashed: false });
    expect(d.notes[0]).toBe('i domain-roles ! private-contact ! sdp-private-address');
  });

  it('one diagram per call, fenced for Markdown when asked', () => {
    const { report, flow } = reportOf(['fixtures/sip/real/call-flow.sip', 'fixtures/sip/real/register-challenge-flow.sip']);
    const out = formatMermaid(flow, report.findings, { fenced: true });
    const blocks = [...out.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(flow.calls.length);
    blocks.forEach((b, i) => expect(parse(b).arrows).toHaveLength(flow.calls[i]!.messages.length));
  });

  it('escapes hostile host names and labels with entity codes', () => {
    expect(mermaidText('a;b#c%%d<e>"f\nend')).toBe('a#59;b#35;c#37;#37;d#60;e#62;#34;f#10;end');
    expect(mermaidText('[2001:db8::1]:5060', 'name')).toBe('[2001#58;db8#58;#58;1]#58;5060');
    expect(mermaidText('')).toBe('#160;');
    expect(mermaidText('sip:bob:hunter2@pbx.example')).toBe('sip:bob:(hidden)@pbx.example');
    const text = ['OPTIONS sip:x SIP/2.0', 'Via: SIP/2.0/UDP evil;x=1;branch=z9hG4bK1', 'Call-ID: a;b', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', 'SIP/2.0 200 O;K <b>%%', 'Via: SIP/2.0/UDP evil;x=1;branch=z9hG4bK1', 'Call-ID: a;b', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n');
    const flow = buildFlow(readTextMessages(Buffer.from(text), 't.sip').messages);
    const d = parse(formatMermaid(flow, runRules(flow, { rules: [...RULES.values()] })).trimEnd());
    expect(d.arrows).toHaveLength(2);
    expect(d.arrows[1]!.text).toBe('2. 200 O#59;K #60;b#62;#37;#37;');
  });
});
