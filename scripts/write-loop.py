#!/usr/bin/env python3
"""A first look at write latency until the bench module exists: one client, sequential POST .../tasks.

Usage: scripts/write-loop.py [port=8080] [requests=1000] against a running server (./run.sh).
"""
import http.client, json, sys, time, uuid, statistics
host, port = "127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 8080
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
c = http.client.HTTPConnection(host, port)
def call(method, path, body=None, token=None):
    h = {"content-type": "application/json"}
    if token: h["authorization"] = "Bearer " + token
    c.request(method, path, json.dumps(body) if body is not None else None, h)
    r = c.getresponse(); data = r.read()
    return r.status, (json.loads(data) if data else None)
u = "u" + uuid.uuid4().hex[:8]
call("POST", "/api/auth/register", {"email": u+"@x.io", "handle": u, "displayName": u, "password": "correct horse"})
_, t = call("POST", "/api/auth/login", {"email": u+"@x.io", "password": "correct horse"}); tok = t["accessToken"]
_, w = call("POST", "/api/workspaces", {"name": "loop"}, tok)
_, p = call("POST", f"/api/workspaces/{w['id']}/projects", {"name": "loop"}, tok)
path = f"/api/workspaces/{w['id']}/projects/{p['id']}/tasks"
for i in range(300):
    call("POST", path, {"title": f"warm {i}"}, tok)
lat = []
for i in range(n):
    s = time.perf_counter_ns(); st, _ = call("POST", path, {"title": f"task {i}"}, tok); lat.append((time.perf_counter_ns()-s)/1e6)
    assert st == 201, st
lat.sort()
print(f"n={n} median={statistics.median(lat):.2f}ms p90={lat[int(n*0.9)]:.2f}ms p99={lat[int(n*0.99)]:.2f}ms max={lat[-1]:.2f}ms throughput={n/(sum(lat)/1000):.0f}/s")
