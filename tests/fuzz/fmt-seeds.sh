#!/bin/sh
# Make tests/fuzz/fmt-corpus: one seed per printf()/printa() format found in
# tests/d, arguments typed after the conversions (fuzz_fmt.c's input
# layout), and one with every argument an integer.  Run from the repository
# root; the corpus is committed, so this is only needed to refresh it.
cd "$(dirname "$0")/../.." || exit 2
rm -rf tests/fuzz/fmt-corpus && mkdir -p tests/fuzz/fmt-corpus
grep -rhoE 'print(f|a)\("([^"\\]|\\.)*"' tests/d | sort -u | python3 -c '
import hashlib, re, struct, sys
esc = {"n": "\n", "t": "\t", "\\\\": "\\\\", "\"": "\"", "0": "\0", "a": "\a", "r": "\r"}
conv = re.compile(r"%[-+ #0\x27]*(\*|[0-9]*)(\.(\*|[0-9]*))?(@)?(hh|h|ll|l|L|w)?([a-zA-Z%])")
def arg(kind, size, val):
    return bytes([kind, size]) + struct.pack("<q", val)
for line in sys.stdin:
    m = re.match(r"print(f|a)\(\"(.*)\"$", line.rstrip("\n"))
    if not m:
        continue
    printa = m.group(1) == "a"
    text = re.sub(r"\\(.)", lambda e: esc.get(e.group(1), e.group(1)), m.group(2)).encode()
    typed = b""
    n = 0
    for c in conv.finditer(text.decode("latin-1")):
        if c.group(6) == "%":
            continue
        for star in (c.group(1), c.group(3)):
            if star == "*":
                typed += arg(0, 2, 8); n += 1
        if c.group(4):
            continue
        k = {"s": 2, "S": 2, "k": 3, "a": 4, "A": 4}.get(c.group(6), 0)
        typed += arg(k, 3, 1 if k else -123456789); n += 1
    n = min(n, 7)
    for args in (typed[: n * 10], b"".join(arg(0, 3, 7 + i) for i in range(n))):
        data = bytes([(1 if printa else 0) | n << 1 | (0x10 * (len(text) % 9))]) + text + b"\0" + args
        name = hashlib.sha1(data).hexdigest()
        open("tests/fuzz/fmt-corpus/" + name, "wb").write(data)
'
ls tests/fuzz/fmt-corpus | wc -l
