#!/usr/bin/env python3
"""Helpers for bench/events.sh: a tiny RESP client (no dependency), the ingest-rate probe and the
proxy-event-to-state delay probe. Loopback only; every loop is bounded in count and time."""
import json, socket, sys, time, uuid, urllib.request
from datetime import datetime, timezone


def resp(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


class Reader:
    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def value(self):
        line = self.line()
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b"-", b":"):
            return rest
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self.buf) < n + 2:
                self.buf += self.sock.recv(65536)
            data, self.buf = self.buf[:n], self.buf[n + 2:]
            return data
        if kind == b"*":
            return [self.value() for _ in range(int(rest))]
        raise ValueError(line)


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def metrics(seq):
    return json.dumps({"schema": "1.0", "type": "metrics", "id": str(uuid.uuid4()), "time": now_iso(),
                       "source": "bench-proxy", "data": {"intervalMillis": 100, "services": [
                           {"service": "bench", "readyReplicas": 1, "desiredReplicas": 1,
                            "queueLength": seq, "rejected": 0, "backends": []}]}})


def delay(port, seconds):
    """Publishes a metrics message every 100 ms with an increasing queueLength; measures the time
    until a state message on prescal:state shows it."""
    sub = socket.create_connection(("127.0.0.1", port))
    sub.sendall(resp("SUBSCRIBE", "prescal:state"))
    reader = Reader(sub)
    reader.value()
    pub = socket.create_connection(("127.0.0.1", port))
    pub_reader = Reader(pub)
    sent, delays, seq, end = {}, [], 0, time.time() + seconds
    next_pub = time.time()
    sub.settimeout(0.02)
    while time.time() < end:
        if time.time() >= next_pub:
            seq += 1
            sent[seq] = time.time()
            pub.sendall(resp("PUBLISH", "prescal:metrics", metrics(seq)))
            pub_reader.value()
            next_pub += 0.1
        try:
            msg = reader.value()
        except socket.timeout:
            continue
        arrived = time.time()
        state = json.loads(msg[2])
        for s in state["data"]["services"]:
            if s["service"] == "bench" and not s.get("stale"):
                shown = s["queueLength"]
                for k in [k for k in sent if k <= shown]:
                    delays.append(arrived - sent.pop(k))
    delays.sort()
    if not delays:
        print("delay: no state message showed the probe")
        return
    pick = lambda p: delays[min(len(delays) - 1, int(p * len(delays)))]
    print("delay proxy metrics -> prescal:state: n=%d p50=%.0f ms p99=%.0f ms max=%.0f ms"
          % (len(delays), pick(0.5) * 1000, pick(0.99) * 1000, delays[-1] * 1000))


def accepted(http_port):
    text = urllib.request.urlopen("http://127.0.0.1:%d/actuator/prometheus" % http_port).read().decode()
    for line in text.splitlines():
        if line.startswith('prescal_event_messages_total{channel="prescal:events"'):
            return float(line.split()[-1])
    return 0.0


def ingest(http_port, expected, timeout):
    """Waits until the event service has read `expected` more messages or stops progressing."""
    start_count, start = accepted(http_port), time.time()
    last, last_change = start_count, start
    while time.time() - start < timeout:
        time.sleep(0.05)
        count = accepted(http_port)
        if count != last:
            last, last_change = count, time.time()
        if count - start_count >= expected or time.time() - last_change > 3:
            break
    got = last - start_count
    print("ingest: %d of %d messages in %.2f s = %.0f msg/s"
          % (got, expected, last_change - start, got / max(1e-9, last_change - start)))


if __name__ == "__main__":
    if sys.argv[1] == "delay":
        delay(int(sys.argv[2]), float(sys.argv[3]))
    elif sys.argv[1] == "sample":
        print(json.dumps({"schema": "1.0", "type": "backend.ready", "id": str(uuid.uuid4()),
                          "time": now_iso(), "source": "bench-proxy", "service": "bench",
                          "data": {"backendId": "bench-1", "address": "127.0.0.1:9", "startupMillis": 12}}))
    elif sys.argv[1] == "ingest":
        ingest(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
