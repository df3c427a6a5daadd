"""Checks Standard Webhooks signatures independently of the platform: Python's hmac over "{id}.{timestamp}.{body}".

Reads JSON from the file named by its argument: {"secret": "whsec_...", "requests": [{"id", "timestamp", "signature", "body"}]}.
Prints one line per request, "ok" or "bad <id>", and exits 1 if any is bad.
"""
import base64
import hashlib
import hmac
import json
import sys

with open(sys.argv[1], encoding="utf-8") as file:
    given = json.load(file)
key = base64.b64decode(given["secret"].removeprefix("whsec_"))
bad = 0
for request in given["requests"]:
    signed = f'{request["id"]}.{request["timestamp"]}.{request["body"]}'.encode()
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [s.split(",", 1)[1] for s in request["signature"].split(" ") if s.startswith("v1,")]
    if any(hmac.compare_digest(expected, s) for s in offered):
        print("ok")
    else:
        print("bad " + request["id"])
        bad += 1
sys.exit(1 if bad else 0)
