#!/usr/bin/env python3
"""Helpers of bench/autoscale.sh: poll the proxy's /status, read prescal-traffic's JSON."""
import json
import statistics
import sys
import time
import urllib.request


def status(admin):
    with urllib.request.urlopen(f"http://127.0.0.1:{admin}/status", timeout=2) as r:
        return json.load(r)["services"][0]


def wait(admin, condition, timeout):
    """Waits until condition(autoscaling, service) holds; exits 1 after timeout seconds."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            s = status(admin)
            if condition(s["autoscaling"], s):
                return s
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"timed out after {timeout} s waiting for the proxy on admin port {admin}")


def poll(admin, out):
    """One line a second until killed: seconds, desired, current, ready, in flight, mode."""
    start = time.time()
    with open(out, "w") as f:
        f.write("second,desired,current,ready,in_flight,mode\n")
        while True:
            try:
                s = status(admin)
                a = s["autoscaling"]
                f.write(f"{time.time() - start:.0f},{a['desired']},{a['current']},{a['ready']},"
                        f"{s['inFlight']},{a['mode']}\n")
                f.flush()
            except OSError:
                pass
            time.sleep(1 - (time.time() - start) % 1)


def step(run_json):
    """Seconds from the load step to the first and to the last added backend ready."""
    run = json.load(open(run_json))
    s = run["steps"][0]
    after = [e["second"] for e in run["events"]
             if e["type"] == "backend.ready" and e["second"] >= s["second"]]
    last = max(after) - s["second"] if after else float("nan")
    first = s["secondsToCapacity"] if s["secondsToCapacity"] is not None else float("nan")
    print(f"{first:.2f} {last:.2f} {len(after)}")


def lost(run_json):
    """Requests without a 2xx answer: errors (no response) and other statuses."""
    run = json.load(open(run_json))
    errors = sum(run["errors"].values())
    bad = sum(n for code, n in run["statuses"].items() if not code.startswith("2"))
    print(f"{run['requests']} {errors} {bad}")


def cold(admin, proxy):
    """Waits for zero replicas, sends one request, prints its latency and the cold start."""
    wait(admin, lambda a, s: a["current"] == 0 and not s["backends"], 120)
    before = status(admin)["autoscaling"]["coldStarts"]["count"]
    t0 = time.time()
    with urllib.request.urlopen(f"http://127.0.0.1:{proxy}/", timeout=60) as r:
        code = r.status
    took = (time.time() - t0) * 1000
    s = wait(admin, lambda a, s: a["coldStarts"]["count"] > before, 10)
    print(f"{code} {took:.0f} {s['autoscaling']['coldStarts']['lastMillis']}")


def median(values):
    print(f"{statistics.median(float(v) for v in values):.2f}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "ready":
        n = int(args[1])
        wait(int(args[0]), lambda a, s: a["ready"] == n and a["current"] == n, 180)
    elif command == "warm":
        n = int(args[1])
        wait(int(args[0]), lambda a, s: a.get("warmPool", {}).get("frozen", 0) == n, 180)
    elif command == "zero":
        wait(int(args[0]), lambda a, s: a["current"] == 0 and not s["backends"], 180)
    else:
        {"poll": lambda: poll(int(args[0]), args[1]), "step": lambda: step(args[0]),
         "lost": lambda: lost(args[0]), "cold": lambda: cold(int(args[0]), int(args[1])),
         "median": lambda: median(args)}[command]()
