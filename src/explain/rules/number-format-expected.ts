import type { OutputFormat } from '../../number/types.js';
import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { bareNumber, formatRole, judgeNumber } from '../util/number-plan.js';
import { numberSites } from '../util/numbers.js';

const FORMAT_NAMES: Record<string, string> = {
  e164: 'E.164 with "+"',
  'e164-digits': 'E.164 digits without "+"',
  national: 'the national number',
  'national-digits': 'the national number',
  'nanp-11': 'NANP 11 digits (1 and the 10-digit number)',
  international: 'E.164 with "+"',
  idd: 'the international dialling prefix, country code and number',
};

export default defineRule({
  meta: {
    id: 'number-format-expected',
    category: 'numbers',
    severity: 'error',
    description: "A number in the Request-URI, To, From, P-Asserted-Identity or Diversion of an INVITE is not written in the format the carrier profile expects for that header (E.164 with '+', E.164 digits, national, 011/IDD).",
    ref: 'RFC 3261 §19.1.6; RFC 3966 §5.1.4; carrier number-format documentation (docs/carriers.md); Twilio error 32101; Telnyx number formats',
    fix: 'Write each number the way the carrier documents for that header (profile.numberFormat): normalise numbers in one place before building the INVITE, e.g. with `siptool number normalize --format e164 --country US`. The expected spelling is in the finding.',
    messages: {
      format: 'the {{header}} number {{number}} is not written as the carrier expects for this header, {{formatName}}: write it as {{expected}}; a carrier that matches numbers as text rejects (404/484/403) or misroutes it',
    },
    needsProfile: true,
  },
  visits: 'initialInvites',
  message(ctx, m) {
    const msg = m.message;
    const formats = ctx.profile.numberFormat;
    if (!formats || msg.kind !== 'request' || msg.method !== 'INVITE' || msg.toTag !== undefined) return;
    for (const site of numberSites(msg)) {
      const role = formatRole(site);
      const format = role ? (formats[role] as OutputFormat | undefined) : undefined;
      if (!format) continue;
      const v = judgeNumber(site.number.text, ctx.profile, format);
      if (!v.valid || v.expected === null) continue; // number-invalid says why it cannot be judged
      if (bareNumber(site.number.text) === bareNumber(v.expected)) continue;
      ctx.report({ messageId: 'format', data: { header: site.label, number: site.number.text, formatName: FORMAT_NAMES[format] ?? format, expected: bareNumber(v.expected) }, message: m, at: siteLocation(site) });
    }
  },
});
