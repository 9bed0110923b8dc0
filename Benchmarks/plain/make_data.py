#!/usr/bin/env python3
"""Writes the plain-Lua benchmark's data: the policy's word lists (from
Vigie's built-in vocabulary) and the first N activities of a JSONL corpus
as a Lua table constructor, so that the standalone interpreter builds the
activities itself, with no I/O while it is timed.
usage: make_data.py VOCABULARY_SWIFT CORPUS_JSONL N OUT_LUA"""
import json, re, sys
from datetime import datetime

swift, corpus, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
src = open(swift, encoding="utf-8").read()
vocab = {}
for m in re.finditer(r'"([a-z-]+)": \[(.*?)\n        \]', src, re.S):
    terms = []
    for block in re.findall(r'"""(.*?)"""', m.group(2), re.S):
        block = block.replace("\\\n", "").replace("\n", "|")
        for t in block.split("|"):
            t = t.strip().split("=")[0].strip()
            if t: terms.append(t)
    vocab[m.group(1)] = terms

def q(s): return json.dumps(s, ensure_ascii=False)  # a valid Lua string for these texts
with open(out, "w", encoding="utf-8") as f:
    f.write("return {\nvocab = {\n")
    for k, terms in vocab.items():
        f.write(f"  [{q(k)}] = {{ {', '.join(q(t) for t in terms)} }},\n")
    f.write("},\nactivities = {\n")
    with open(corpus, encoding="utf-8") as c:
        for i, line in enumerate(c):
            if i >= n: break
            a = json.loads(line)
            au = a.get("author", {})
            ts = datetime.fromisoformat(a["timestamp"].replace("Z", "+00:00"))
            f.write("{ id=%s, platform=%s, kind=%s, visibility=%s, text=%s, timestamp=%s, time=%d, hour=%d, actor=%s, handle=%s, hashtags={%s} },\n" % (
                q(a["id"]), q(a["platform"]), q(a.get("kind", "post")), q(a.get("visibility", "public")),
                q(a.get("text", "")), q(a["timestamp"]), int(ts.timestamp()), ts.hour, q(a.get("actorID") or ""), q(au.get("handle") or au.get("name") or "?"),
                ", ".join(q(t) for t in a.get("hashtags", []))))
    f.write("}\n}\n")
