"""back_translate: Apertium by default (changes the text; the second run is served from the disk cache), a
JSON-lines command started once, a local HTTP endpoint, and failing, erring or hanging translators as per-sample
errors that never hang the run."""
import http.server
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time

from conftest import PROSE

SCHEMA = """
sample H {
  text: text(en)
  label: class(4)
}
"""


def run(auger_bin, tmp_path, lines, *extra, via="es", env=None, name="in"):
    aug = tmp_path / "bt.aug"
    aug.write_text(SCHEMA + f'policy bt on H {{ back_translate(via: "{via}") }}\n')
    src = tmp_path / f"{name}.txt"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / f"out_{name}_{time.monotonic_ns()}"
    e = dict(os.environ, AUGER_CACHE_DIR=str(tmp_path / "cache"), **(env or {}))
    if "AUGER_TRANSLATOR" not in (env or {}):
        e.pop("AUGER_TRANSLATOR", None)
    r = subprocess.run([auger_bin, "apply", str(aug), "-p", "bt", "--out", str(out), str(src), *extra],
                       capture_output=True, text=True, env=e, timeout=120)
    got = (out / f"{name}.txt").read_text().split("\n")[:-1] if (out / f"{name}.txt").exists() else None
    return r, got


def executable(path, body):
    path.write_text(body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_apertium_changes_the_text_and_the_cache_serves_the_second_run(auger_bin, tmp_path):
    assert shutil.which("apertium"), "Debian's apertium and apertium-eng-spa are missing (scripts/install-deps)"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apertium.log"
    real = shutil.which("apertium")
    # Counts Apertium's translations (its -l listing aside) and passes everything to the real one.
    executable(bin_dir / "apertium", f'#!/bin/sh\n[ "$1" = "-l" ] || echo "$@" >> {log}\nexec {real} "$@"\n')
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    lines = PROSE[:4]
    r1, first = run(auger_bin, tmp_path, lines, env=env)
    assert r1.returncode == 0, r1.stderr
    calls = log.read_text().splitlines()
    assert len(calls) == 2 * len(lines) and {c.split()[-1] for c in calls} == {"eng-spa", "spa-eng"}
    assert all(a != b for a, b in zip(lines, first)), first
    r2, second = run(auger_bin, tmp_path, lines, env=env)
    assert r2.returncode == 0 and second == first
    assert len(log.read_text().splitlines()) == len(calls)  # nothing translated again


def test_a_missing_pair_names_what_to_install(auger_bin, tmp_path):
    r, got = run(auger_bin, tmp_path, PROSE[:2], via="xx")
    assert r.returncode == 3 and got == ["", ""]
    assert "apertium-eng-xx" in r.stderr and "--translator" in r.stderr


TRANSLATOR = """#!/usr/bin/env python3
import json, sys
with open(sys.argv[1], "a") as f:
    f.write("start\\n")
for line in sys.stdin:
    req = json.loads(line)
    with open(sys.argv[1], "a") as f:
        f.write("request\\n")
    if "fail" in req["text"]:
        print(json.dumps({"error": "cannot translate that"}), flush=True)
    elif "hang" in req["text"]:
        import time; time.sleep(60)
    elif "crash" in req["text"]:
        sys.exit(3)
    else:
        print(json.dumps({"text": f"{req['text']} [{req['from']}>{req['to']}]"}), flush=True)
"""


def test_a_json_lines_command_is_started_once_and_cached(auger_bin, tmp_path):
    log = tmp_path / "t.log"
    cmd = f"{sys.executable} {executable(tmp_path / 'tr.py', TRANSLATOR)} {log}"
    r, got = run(auger_bin, tmp_path, PROSE[:3], "--translator", cmd)
    assert r.returncode == 0, r.stderr
    assert got == [f"{p} [en>es] [es>en]" for p in PROSE[:3]]
    assert log.read_text().split() == ["start"] + ["request"] * 6
    # The same translator from the environment: served from the cache; another translator is asked anew.
    r, again = run(auger_bin, tmp_path, PROSE[:3], env={"AUGER_TRANSLATOR": cmd})
    assert r.returncode == 0 and again == got and log.read_text().count("request") == 6
    r, _ = run(auger_bin, tmp_path, PROSE[:1], "--translator", cmd + " ")
    assert r.returncode == 0 and log.read_text().count("request") == 8


def test_failing_crashing_and_hanging_translators_are_per_sample_errors(auger_bin, tmp_path):
    log = tmp_path / "t.log"
    cmd = f"{sys.executable} {executable(tmp_path / 'tr.py', TRANSLATOR)} {log}"
    lines = ["please fail here", PROSE[0], "now crash", PROSE[1], "and hang", PROSE[2]]
    start = time.monotonic()
    r, got = run(auger_bin, tmp_path, lines, "--translator", cmd, env={"AUGER_TRANSLATOR_TIMEOUT": "2"})
    assert time.monotonic() - start < 30
    assert r.returncode == 3
    assert "cannot translate that" in r.stderr and "without answering" in r.stderr
    # A timeout names the command, the limit and what it waited for.
    assert f"the translator `{cmd}` timed out after 2 s waiting for the answer" in r.stderr
    assert got[0] == got[2] == got[4] == ""
    assert [got[1], got[3], got[5]] == [f"{p} [en>es] [es>en]" for p in PROSE[:3]]


def test_a_local_http_endpoint(auger_bin, tmp_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            body = json.dumps({"text": req["text"].upper() if req["to"] == "de" else req["text"] + "!"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/translate"
        r, got = run(auger_bin, tmp_path, PROSE[:2], "--translator", url, via="de")
        assert r.returncode == 0, r.stderr
        assert got == [p.upper() + "!" for p in PROSE[:2]]
    finally:
        server.shutdown()
        server.server_close()
    # The endpoint gone: each sample fails, the command ends.
    r, got = run(auger_bin, tmp_path, ["A sentence never translated before."], "--translator", url, via="de",
                 env={"AUGER_TRANSLATOR_TIMEOUT": "2"})
    assert r.returncode == 3 and got == [""]


def test_an_answer_with_line_breaks_and_control_characters_keeps_the_lines_aligned(auger_bin, tmp_path):
    # Every answer holds a newline, a NUL, a carriage return and Unicode's line separator: written as one line each.
    tr = executable(tmp_path / "nl.py", "#!/usr/bin/env python3\nimport json, sys\nfor line in sys.stdin:\n"
                    "    print(json.dumps({'text': 'line one\\nline two \\u0000 nul\\r end\\u2028x'}), flush=True)\n")
    r, got = run(auger_bin, tmp_path, PROSE[:2], "--translator", f"{sys.executable} {tr}")
    assert r.returncode == 0, r.stderr
    assert got == ["line one line two   nul  end x"] * 2
    out = next(tmp_path.glob("out_in_*"))
    assert (out / "in.txt").read_bytes().count(b"\n") == 2 and b"\0" not in (out / "in.txt").read_bytes()
