#!/usr/bin/env python3
"""A translator speaking docs/text.md's JSON-lines protocol, for the tests: one request per line on stdin, either
{"text": ..., "from": ..., "to": ...} or a batch {"texts": [...], ...}; each text comes back with "[from>to]"
appended. Every request is logged as one JSON line to argv[1] ({"n": texts in it} or {"n": 1, "single": true}).
A text holding "fail" makes its request answer an error; "hang" makes it never answer."""
import json
import sys
import time

log = sys.argv[1]
for line in sys.stdin:
    req = json.loads(line)
    texts = req["texts"] if "texts" in req else [req["text"]]
    with open(log, "a") as f:
        f.write(json.dumps({"n": len(texts), "single": "text" in req, "from": req["from"]}) + "\n")
    if any("hang" in t for t in texts):
        time.sleep(600)
    if any("fail" in t for t in texts):
        print(json.dumps({"error": "cannot translate that"}), flush=True)
        continue
    out = [f"{t} [{req['from']}>{req['to']}]" for t in texts]
    print(json.dumps({"text": out[0]} if "text" in req else {"texts": out}), flush=True)
