"""`auger run --metrics-port`: clients that open connections and never ask (or ask one byte at a time) must not
keep /metrics from answering anyone else."""
import os
import re
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

POLICY = """
import std.vision
sample Pic {
  image: image(rgb)
}
policy slow on Pic {
  random_resized_crop(size: 32)
  hflip() @p(0.5)
}
"""


@pytest.fixture
def metrics_run(auger_bin, photo, tmp_path):
    """An `auger run` long enough to scrape (many copies of one photo), serving metrics on a free port."""
    data = tmp_path / "data"
    data.mkdir()
    os.symlink(photo, data / "cat.jpg")
    policy = tmp_path / "p.aug"
    policy.write_text(POLICY)
    proc = subprocess.Popen([auger_bin, "run", str(policy), "--input", str(data), "--output", str(tmp_path / "out"),
                             "--copies", "100000", "--metrics-port", "0", "--metrics-interval", "3600"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    seen = []
    reader = threading.Thread(target=lambda: seen.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    port = None
    while port is None and time.monotonic() < deadline and proc.poll() is None:
        m = re.search(r"metrics at http://127\.0\.0\.1:(\d+)/metrics", "".join(seen))
        port = int(m.group(1)) if m else None
        time.sleep(0.05)
    try:
        assert port, f"auger run did not report its metrics port (exit {proc.poll()}): {''.join(seen)[-2000:]}"
        yield port
        assert proc.poll() is None, "the run ended before the test was done; give it more copies"
    finally:
        proc.kill()
        proc.wait(timeout=30)


def scrape(port, timeout=5.0):
    start = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=timeout) as r:
        body = r.read().decode()
        return r.status, body, time.monotonic() - start


def test_sixteen_idle_connections_do_not_block_metrics(metrics_run):
    idle = [socket.create_connection(("127.0.0.1", metrics_run), timeout=5) for _ in range(16)]
    try:
        time.sleep(0.2)
        status, body, took = scrape(metrics_run)
        assert status == 200
        assert "auger_samples_total" in body
        assert took < 3.0, f"/metrics took {took:.1f}s behind 16 idle connections"
    finally:
        for s in idle:
            s.close()


def test_idle_connection_is_closed_by_the_server(metrics_run):
    s = socket.create_connection(("127.0.0.1", metrics_run), timeout=10)
    start = time.monotonic()
    try:
        data = s.recv(1)  # b"" (closed) or a reset: either way the server let go
    except ConnectionResetError:
        data = b""
    finally:
        s.close()
    assert data == b""
    assert time.monotonic() - start < 4.0, "an idle connection was held past the 2 s request deadline"


def test_trickled_request_is_cut_off_and_others_are_served(metrics_run):
    loris = socket.create_connection(("127.0.0.1", metrics_run), timeout=5)
    request = b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 400 + b"\r\n\r\n"
    start, cut = time.monotonic(), False
    try:
        for i in range(len(request)):
            try:
                loris.send(request[i:i + 1])
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            if i == 5:  # while it trickles, others are answered
                status, _, took = scrape(metrics_run)
                assert status == 200 and took < 3.0
            time.sleep(0.05)
    finally:
        loris.close()
    assert cut, "a request sent a byte every 50 ms for 20 s was still being read"
    assert time.monotonic() - start < 10.0
