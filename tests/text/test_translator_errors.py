"""A translator that can never work is a usage error before any sample runs (exit 2; ValueError in Python); one
that fails while running is named: the command and how it ended, a refused connection, a timeout after N s, an
empty answer (docs/text.md "Back-translation")."""
import os
import socket
import subprocess
import sys
import threading

import pytest

POLICY = """
sample S {
  text: text(en)
}
policy train on S {
  bt: back_translate(via: "es")
}
"""


@pytest.fixture
def setup(tmp_path):
    aug = tmp_path / "bt.aug"
    aug.write_text(POLICY)
    txt = tmp_path / "one.txt"
    txt.write_text("hello world\n")
    return aug, txt


def apply(auger_bin, setup, translator, env=None):
    aug, txt = setup
    return subprocess.run([auger_bin, "apply", aug, "-p", "train", "-o", txt.parent / "out", txt,
                           "--translator", translator], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("command", ["apply", "run", "preview"])
def test_an_https_translator_is_a_usage_error_at_start(auger_bin, setup, command):
    aug, txt = setup
    io = {"apply": ["-o", txt.parent / "o", txt], "run": ["-i", txt, "-o", txt.parent / "r"],
          "preview": ["-i", txt]}[command]
    r = subprocess.run([auger_bin, command, aug, "-p", "train", *io, "--translator", "https://example.org/t"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "only a local http:// endpoint is supported" in r.stderr, r.stderr
    assert "one.txt:1" not in r.stderr  # refused before any sample


def test_python_refuses_an_https_translator_at_load(setup):
    auger = pytest.importorskip("auger")
    with pytest.raises((ValueError, auger.Error)):
        auger.load(str(setup[0]), policy="train", translator="https://example.org/t")


@pytest.mark.parametrize("translator, message", [
    ("false", "the translator `false` exited with status 1 without answering"),
    ("no-such-translator-xyz", "the translator `no-such-translator-xyz` exited with status 127 (the shell found no "
                               "such command)"),
    # Without LD_PRELOAD: under the ASan build the tests preload the sanitizer runtime, whose SIGSEGV handler
    # would turn the signal into an abort.
    (f"env -u LD_PRELOAD {sys.executable} -c 'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)'",
     "was killed by signal 11"),
    ("""echo '{"text": ""}'; cat > /dev/null""", "answered an empty text"),
])
def test_a_failing_command_is_named_with_how_it_ended(auger_bin, setup, translator, message):
    r = apply(auger_bin, setup, translator)
    assert r.returncode == 3 and message in r.stderr, r.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_http_refused_and_timed_out_are_said_so(auger_bin, setup):
    r = apply(auger_bin, setup, f"http://127.0.0.1:{free_port()}/t")
    assert r.returncode == 3 and "connection refused" in r.stderr, r.stderr
    # A server that accepts and never answers: the request times out after AUGER_TRANSLATOR_TIMEOUT seconds.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        r = apply(auger_bin, setup, f"http://127.0.0.1:{server.getsockname()[1]}/t",
                  env={"AUGER_TRANSLATOR_TIMEOUT": "1"})
    finally:
        stop.set()
        t.join()
        for c in held:
            c.close()
        server.close()
    assert r.returncode == 3 and "timed out after 1 s" in r.stderr, r.stderr
