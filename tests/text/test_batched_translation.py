"""back_translate's requests batched (docs/text.md "Batched translation"): `auger run` and the Loader send a chunk's
cache misses as {"texts": [...]} requests of at most 64 texts, each distinct text asked once each way and never
again (the cache); a hanging or failing request is the error of its samples only, after the timeout, never a hang."""
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time

from conftest import PROSE

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass

FAKE = os.path.join(os.path.dirname(__file__), "fake_translator.py")
BT = """
sample H {
  text: text(en)
  label: class(4)
}
policy train on H { back_translate(via: "es") }
"""


def corpus(tmp_path, n, special=None):
    lines = [f"{PROSE[i % len(PROSE)]} Number {i}." for i in range(n)]
    for i, word in (special or {}).items():
        lines[i] = f"Please {word} on this one, number {i}."
    src = tmp_path / "in.txt"
    src.write_text("\n".join(lines) + "\n")
    aug = tmp_path / "bt.aug"
    aug.write_text(BT)
    return aug, src, lines


def run(tmp_path, auger_bin, aug, src, out, cmd, *extra, timeout="60"):
    env = dict(os.environ, AUGER_CACHE_DIR=str(tmp_path / "cache"), AUGER_TRANSLATOR_TIMEOUT=timeout)
    env.pop("AUGER_TRANSLATOR", None)
    return subprocess.run([auger_bin, "run", str(aug), "-p", "train", "-i", str(src), "-o", str(out),
                           "--translator", cmd, *map(str, extra)], capture_output=True, text=True, env=env,
                          timeout=300)


def requests(log):
    return [json.loads(l) for l in log.read_text().splitlines()] if log.exists() else []


def texts(out):
    got = {}
    for shard in sorted(out.glob("*.tar")):
        with tarfile.open(shard) as tar:
            for m in tar.getmembers():
                if m.name.endswith(".txt"):
                    got[m.name[:-4]] = tar.extractfile(m).read().decode()
    return got


def test_run_sends_batches_of_at_most_64_and_the_cache_serves_the_second_run(auger_bin, tmp_path):
    aug, src, lines = corpus(tmp_path, 150)
    log = tmp_path / "requests.log"
    cmd = f"{sys.executable} {FAKE} {log}"
    r = run(tmp_path, auger_bin, aug, src, tmp_path / "out", cmd, "--workers", 2)
    assert r.returncode == 0, r.stderr
    got = texts(tmp_path / "out")
    assert got == {f"in:{i + 1}": f"{l} [en>es] [es>en]" for i, l in enumerate(lines)}
    reqs = requests(log)
    assert not any(q["single"] for q in reqs) and all(q["n"] <= 64 for q in reqs)
    # The shard-size probe's 16 samples, then chunks of 64 samples (less what the probe asked): 16, 48, 64 and 22
    # texts, each sent there (en) and back (es), nothing asked twice.
    assert [q["n"] for q in reqs if q["from"] == "en"] == [16, 48, 64, 22]
    assert [q["n"] for q in reqs if q["from"] == "es"] == [16, 48, 64, 22]
    r = run(tmp_path, auger_bin, aug, src, tmp_path / "again", cmd, "--workers", 2)
    assert r.returncode == 0, r.stderr
    assert texts(tmp_path / "again") == got and len(requests(log)) == len(reqs)
    # The translator is part of the run's identity: resuming with another one is refused.
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["identity"]["translator"] == cmd
    r = run(tmp_path, auger_bin, aug, src, tmp_path / "out", cmd + " ", "--workers", 2, "--resume")
    assert r.returncode == 2 and "translator" in r.stderr, r.stderr


def test_a_hanging_request_fails_its_samples_only_and_never_hangs_the_run(auger_bin, tmp_path):
    aug, src, lines = corpus(tmp_path, 100, special={80: "hang", 10: "fail"})
    log = tmp_path / "requests.log"
    start = time.monotonic()
    r = run(tmp_path, auger_bin, aug, src, tmp_path / "out", f"{sys.executable} {FAKE} {log}", "--max-errors", 100,
            timeout="2")
    assert time.monotonic() - start < 60
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path / "out" / "manifest.json").read_text())
    errors = {e["key"]: e["error"] for e in m["errors"]}
    # The first chunk's request (samples 1-64) erred because of line 11; the second (65-100) hung on line 81: each
    # is the error of its own samples, with the reason.
    assert set(errors) == {f"in:{i}" for i in range(1, 101)}
    assert all("cannot translate that" in errors[f"in:{i}"] for i in range(1, 65))
    assert all("timed out after 2 s waiting for the answer" in errors[f"in:{i}"] for i in range(65, 101))
    # Requests: the probe's (16 texts, erring), the first chunk's (64, erring), the second's (36, hanging).
    assert m["written"] == 0 and [q["n"] for q in requests(log)] == [16, 64, 36]


def test_a_failing_request_leaves_the_other_chunks_alone(auger_bin, tmp_path):
    aug, src, lines = corpus(tmp_path, 100, special={90: "fail"})
    log = tmp_path / "requests.log"
    r = run(tmp_path, auger_bin, aug, src, tmp_path / "out", f"{sys.executable} {FAKE} {log}", "--max-errors", 100)
    assert r.returncode == 0, r.stderr
    got = texts(tmp_path / "out")
    assert got == {f"in:{i + 1}": f"{l} [en>es] [es>en]" for i, l in enumerate(lines[:64])}
    m = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert m["error_count"] == 36


def test_the_loader_batches_its_requests_too(tmp_path, monkeypatch):
    monkeypatch.setenv("AUGER_CACHE_DIR", str(tmp_path / "cache"))
    aug, src, lines = corpus(tmp_path, 80)
    log = tmp_path / "requests.log"
    loader = auger.Loader(auger.load(aug, "train"), src, batch_size=16, workers=2, numpy=True,
                          translator=f"{sys.executable} {FAKE} {log}")
    got = [t for b in loader for t in b["text"]]
    assert got == [f"{l} [en>es] [es>en]" for l in lines]
    reqs = requests(log)
    assert sorted(q["n"] for q in reqs) == [16, 16, 64, 64] and not any(q["single"] for q in reqs)


def test_apertium_takes_a_batch_in_one_process_with_the_texts_it_gives_one_by_one(auger_bin, tmp_path):
    real = shutil.which("apertium")
    assert real, "Debian's apertium and apertium-eng-spa are missing (scripts/install-deps)"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apertium.log"
    wrapper = bin_dir / "apertium"
    wrapper.write_text(f'#!/bin/sh\n[ "$1" = "-l" ] || echo "$@" >> {log}\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    lines = PROSE + ["A line with  two spaces and a trailing one "]
    src = tmp_path / "in.txt"
    src.write_text("\n".join(lines) + "\n")
    aug = tmp_path / "bt.aug"
    aug.write_text(BT)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    env.pop("AUGER_TRANSLATOR", None)
    one = subprocess.run([auger_bin, "apply", str(aug), "-p", "train", "--out", str(tmp_path / "apply"), str(src)],
                         capture_output=True, text=True, env=dict(env, AUGER_CACHE_DIR=str(tmp_path / "c1")))
    assert one.returncode == 0, one.stderr
    assert len(log.read_text().splitlines()) == 2 * len(lines)
    log.unlink()
    r = subprocess.run([auger_bin, "run", str(aug), "-p", "train", "-i", str(src), "-o", str(tmp_path / "out"),
                        "--shard-samples", "100"], capture_output=True, text=True,
                       env=dict(env, AUGER_CACHE_DIR=str(tmp_path / "c2")))
    assert r.returncode == 0, r.stderr
    assert len(log.read_text().splitlines()) == 2  # one process each way for the whole chunk
    want = (tmp_path / "apply" / "in.txt").read_text().split("\n")
    got = texts(tmp_path / "out")
    assert [got[f"in:{i + 1}"] for i in range(len(lines))] == want[:len(lines)]
    assert sum(a != b for a, b in zip(lines, want)) >= len(lines) - 1
