#!/usr/bin/env python3
"""Helpers of bench/backend-start.sh: start backends at once, time each to its first 200."""
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

POLL = 0.01
TIMEOUT = 180


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def ready(port):
    """True when GET /ready on 127.0.0.1:port answers 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        conn.request("GET", "/ready")
        return conn.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def cpu_ms(stat):
    """User plus system CPU time, in ms, from the text of a /proc/PID/stat."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 // os.sysconf("SC_CLK_TCK")


def start(n, command):
    """Starts n copies of command at once ({port} replaced by a free port each) and prints two
    lines, in launch order: the seconds from each launch to its first 200 on /ready, and the CPU
    time its JVM had used by then (ms; for docker run -d, the container's PID 1). Processes (JVMs)
    are stopped afterwards; containers are the caller's."""
    ports = free_ports(n)
    took = [None] * n
    cpu = [None] * n

    def one(i):
        argv = [a.replace("{port}", str(ports[i])) for a in command]
        launched = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        procs[i] = proc
        while time.monotonic() - launched < TIMEOUT:
            if ready(ports[i]):
                took[i] = time.monotonic() - launched
                break
            time.sleep(POLL)
        else:
            return
        if os.path.basename(argv[0]) != "docker":
            with open(f"/proc/{proc.pid}/stat") as f:
                cpu[i] = cpu_ms(f.read())
        else:
            cid = proc.communicate()[0].strip()
            cpu[i] = cpu_ms(subprocess.run(["docker", "exec", cid, "cat", "/proc/1/stat"],
                                           capture_output=True, text=True, check=True).stdout)

    procs = [None] * n
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        if p is not None and p.poll() is None:  # SIGTERM: serve drains, then exits
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
    if None in took:
        sys.exit(f"a backend did not answer 200 on /ready within {TIMEOUT} s")
    print(" ".join(f"{t:.3f}" for t in took))
    print(" ".join(str(c) for c in cpu))


def median(values):
    print(f"{statistics.median(float(v) for v in values):.3f}")


def ratio(a, b):
    print(f"{float(a) / float(b):.2f}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "start":
        start(int(args[0]), args[1:])
    elif cmd == "median":
        median(args)
    elif cmd == "ratio":
        ratio(*args)
    else:
        sys.exit(f"unknown command: {cmd}")
