#!/usr/bin/env python3
"""The peer host: Python embedding Lua 5.4 with lupa, running the plain-Lua
Nordelia rules (rules.lua). Reads the JSONL stream line by line (json.loads),
hands each activity to Lua as a table, as a Python host usually does.
usage: lupa-host.py CORPUS.jsonl DATA.lua [EVENTS]
VIGIE_BENCH_RULES names another rules file (Benchmarks/workloads/*.lua)."""
import json, os, sys, time
from datetime import datetime

t_start = time.perf_counter()
try:
    from lupa import lua54 as lupa
except ImportError:
    import lupa
corpus, data_file = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
here = os.path.dirname(os.path.abspath(__file__))
lua = lupa.LuaRuntime(unpack_returned_tuples=True)
t0 = time.perf_counter()
vocab = lua.execute("return dofile(...)", data_file)["vocab"]
M = lua.execute("return dofile(...)", os.environ.get("VIGIE_BENCH_RULES") or os.path.join(here, "rules.lua"))(vocab)
check = M["check"]
table = lua.table_from
print("load_ms %.1f" % ((time.perf_counter() - t0) * 1000))
print("startup_ms %.1f" % ((t0 - t_start) * 1000))

# Processor time, as the standalone interpreter's os.clock() and Vigie's
# user + system time: a busy machine slows the wall clock, not this.
start = time.process_time()
n = findings = 0
with open(corpus, encoding="utf-8") as f:
    for line in f:
        if limit is not None and n >= limit:
            break
        a = json.loads(line)
        ts = datetime.fromisoformat(a["timestamp"].replace("Z", "+00:00"))
        au = a.get("author", {})
        handle = au.get("handle") or au.get("displayName") or "?"
        post = table({
            "id": a["id"], "platform": a["platform"], "kind": a.get("kind", "post"),
            "visibility": a.get("visibility", "public"), "text": a.get("text", ""), "timestamp": a["timestamp"],
            "time": int(ts.timestamp()), "hour": ts.hour, "actor": a.get("actorID") or "",
            "author": table({"platform": a["platform"], "handle": handle}), "handle": handle,
            "hashtags": table(a.get("hashtags", [])), "mentions": table(a.get("mentions", [])),
            "links": table(a.get("links", [])),
        })
        findings += check(post)
        n += 1
elapsed = time.process_time() - start
print("events %d findings %d seconds %.3f events_per_s %.0f" % (n, findings, elapsed, n / elapsed))
