import { defineRule } from '../rule.js';
import { siteLocation } from '../util/fields.js';
import { numberSites } from '../util/numbers.js';

const TRUNK = new Set(['tgrp', 'trunk-context']);

export default defineRule({
  meta: {
    id: 'user-trunk-params',
    category: 'numbers',
    severity: 'warning',
    description: 'A number carries RFC 4904 trunk-group parameters (;tgrp=, ;trunk-context=) inside the user part, which most trunks and STIR/SHAKEN number checks do not expect.',
    ref: 'RFC 4904 §5; RFC 8224 §8.3; OpenSIPS PR #3906',
    fix: 'Strip ;tgrp and ;trunk-context from the user part before the call leaves your network (sip:+14155550100@carrier.example, not sip:+14155550100;tgrp=TG1;trunk-context=example.com@carrier.example). They are meant for the gateways of one operator, not for a carrier interconnect.',
    messages: {
      present: 'the {{header}} user part is {{user}}, with {{params}}: a carrier that compares numbers (routing, caller ID screening, STIR/SHAKEN orig/dest) sees "{{number}};..." and not a plain number, so the match fails',
    },
  },
  visits: 'requests',
  message(ctx, m) {
    const msg = m.message;
    if (msg.kind !== 'request') return;
    for (const site of numberSites(msg)) {
      const found = site.number.userParams.filter((p) => TRUNK.has(p));
      if (found.length === 0 || site.uri.type !== 'sip') continue;
      const user = site.uri.user ?? '';
      ctx.report({ messageId: 'present', data: { header: site.label, user, params: found.map((p) => `;${p}`).join(' and '), number: site.number.text }, message: m, at: siteLocation(site, user.length) });
    }
  },
});
