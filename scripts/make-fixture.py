#!/usr/bin/env python3
"""Writes a SIP fixture from readable text: LF -> CRLF, and every "Content-Length: auto" (or
"l: auto") replaced by the body's real length. Usage: make-fixture.py OUT < text"""
import re
import sys

text = sys.stdin.read()
# several messages: each starts with a line "===" (the separator is not written)
msgs = [m for m in re.split(r'(?m)^===\n', text) if m.strip()] if text.startswith('===\n') else [text]
out = []
for m in msgs:
    if len(msgs) > 1:
        # one message per segment: a body ends with its last line; a message without body
        # keeps the empty line that closes its header section
        m = m.rstrip('\n') + '\n'
        if '\n\n' not in m:
            m += '\n'
    m = m.replace('\r\n', '\n').replace('\n', '\r\n')
    head, sep, body = m.partition('\r\n\r\n')
    head = re.sub(r'(?im)^((?:content-length|l)\s*:\s*)auto$', lambda mm: mm.group(1) + str(len(body.encode('utf-8'))), head)
    out.append(head + sep + body)
open(sys.argv[1], 'wb').write(''.join(out).encode('utf-8'))
