"""Interop with the real webdataset library (PyPI): shards written by auger's TarWriter (through auger-shardcat)
read with webdataset.WebDataset, and shards written by webdataset.TarWriter/ShardWriter read with auger's tar
source, compared key by key and byte by byte (sha256). The library lives in a venv made by setup_venv.sh; without
PyPI (or without a test tool built) the tests fail when the `CI` environment variable is set and skip, saying why,
when it is not (conftest.py)."""
import base64
import hashlib
import json
import os
import re
import subprocess
import tempfile

import pytest

from conftest import unavailable

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../.."))


@pytest.fixture(scope="session")
def shardcat():
    path = os.environ.get("AUGER_SHARDCAT", os.path.join(ROOT, "build/tests/harness/shardcat/auger-shardcat"))
    if not os.path.exists(path):
        unavailable(f"{path} not built (set AUGER_SHARDCAT)")
    return path


@pytest.fixture(scope="session")
def wds_python():
    venv = os.environ.get("AUGER_INTEROP_VENV", os.path.join(tempfile.gettempdir(), "auger-interop-venv"))
    proc = subprocess.run(["sh", os.path.join(HERE, "setup_venv.sh"), venv], capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        unavailable(f"cannot create the webdataset venv at {venv} (is PyPI reachable?): {tail}")
    return os.path.join(venv, "bin/python")


def run(cmd, expect=0):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == expect, f"{cmd}: {proc.stderr}"
    return proc


def wds(wds_python, *args):
    return run([wds_python, os.path.join(HERE, "wds_helper.py"), *args]).stdout


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def sha(data):
    return hashlib.sha256(data).hexdigest()


def split_name(name):
    """webdataset's base_plus_ext, with the lower-cased extension its group_by_keys uses."""
    m = re.match(r"^((?:.*/|)[^.]+)[.]([^/]*)$", name)
    return m.group(1), m.group(2).lower()


def dump_samples(samples, path):
    def encode(v):
        return {"b64": base64.b64encode(v).decode()} if isinstance(v, bytes) else v

    with open(path, "w") as f:
        json.dump([{k: encode(v) for k, v in s.items()} for s in samples], f)
    return str(path)


# Members of a shard written by auger-shardcat: multi-member samples, keys with folders and dots in folder names,
# an upper-case extension, a name too long for ustar and a non-ASCII one (pax headers), an empty member.
MEMBERS = [
    ("a.jpg", os.urandom(70000)),
    ("a.cls", b"3\n"),
    ("a.json", b'{"caption": "two cats", "w": 5}'),
    ("a.seg.png", os.urandom(513)),
    ("train/v1.2/b.JPG", os.urandom(512)),
    ("train/v1.2/b.txt", "caf\u00e9".encode()),
    ("d" * 120 + "/" + "\u00e9" * 30 + ".png", os.urandom(1000)),
    ("empty.png", b""),
]


def write_with_shardcat(shardcat, tmp_path, out, members):
    args = []
    for i, (name, data) in enumerate(members):
        f = tmp_path / f"member{i}"
        f.write_bytes(data)
        args.append(f"{name}={f}")
    run([shardcat, "write", str(out), *args])


def test_webdataset_reads_auger_shard(shardcat, wds_python, tmp_path):
    shard = tmp_path / "auger.tar"
    write_with_shardcat(shardcat, tmp_path, shard, MEMBERS)

    expected = []  # [(key, {ext: sha256})] in file order
    for name, data in MEMBERS:
        key, ext = split_name(name)
        if not expected or expected[-1][0] != key:
            expected.append((key, {}))
        expected[-1][1][ext] = sha(data)

    got = [(s["key"], {ext: m["sha256"] for ext, m in s["members"].items()})
           for s in json_lines(wds(wds_python, "read", str(shard)))]
    assert got == expected

    # auger's own reader agrees on keys and image bytes, and turns cls/json/txt into fields.
    listed = json_lines(run([shardcat, "list", str(shard)]).stdout)
    assert [s["key"] for s in listed] == [k for k, _ in expected]
    for s, (_, members) in zip(listed, expected):
        for ext, blob in s["blobs"].items():
            assert blob["sha256"] == members[ext]
    assert listed[0]["fields"] == {"class": 3, "caption": "two cats", "w": 5}
    assert listed[1]["fields"] == {"txt": "caf\u00e9"}


def test_auger_shards_are_byte_identical_across_runs(shardcat, tmp_path):
    write_with_shardcat(shardcat, tmp_path, tmp_path / "one.tar", MEMBERS)
    write_with_shardcat(shardcat, tmp_path, tmp_path / "two.tar", MEMBERS)
    assert (tmp_path / "one.tar").read_bytes() == (tmp_path / "two.tar").read_bytes()
    assert not list(tmp_path.glob("*.tmp"))


def test_auger_reads_webdataset_shard(shardcat, wds_python, tmp_path):
    samples = [
        {"__key__": "train/abc", "jpg": os.urandom(40000), "cls": 7, "json": {"w": 640, "tags": ["x"]},
         "seg.png": os.urandom(2000), "txt": "a caption"},
        {"__key__": "plain", "png": os.urandom(10)},
        {"__key__": "d" * 130 + "/\u00e9t\u00e9", "webp": os.urandom(600)},
    ]
    shard = tmp_path / "wds.tar"
    wds(wds_python, "write", str(shard), dump_samples(samples, tmp_path / "samples.json"))

    listed = json_lines(run([shardcat, "list", str(shard)]).stdout)
    assert [s["key"] for s in listed] == [s["__key__"] for s in samples]
    for got, want in zip(listed, samples):
        images = {k: v for k, v in want.items() if k in ("jpg", "png", "webp", "seg.png")}
        assert {k: b["sha256"] for k, b in got["blobs"].items()} == {k: sha(v) for k, v in images.items()}
        assert got["origin"] == f"{shard}:{want['__key__']}"
    assert listed[0]["fields"] == {"class": 7, "w": 640, "tags": ["x"], "txt": "a caption"}
    assert listed[1]["fields"] == {}


def test_brace_patterns_and_globs_order_shards_as_webdataset(shardcat, wds_python, tmp_path):
    samples = [{"__key__": f"s{i:02d}", "jpg": os.urandom(100 + i), "cls": i % 3} for i in range(10)]
    wds(wds_python, "shards", str(tmp_path / "shard-%03d.tar"), "4", dump_samples(samples, tmp_path / "s.json"))
    assert sorted(p.name for p in tmp_path.glob("*.tar")) == ["shard-000.tar", "shard-001.tar", "shard-002.tar"]

    # Listed backwards, so that the pattern's order (not the file names') has to be followed.
    pattern = str(tmp_path / "shard-{002..000}.tar")
    theirs = [(s["key"], s["members"]["jpg"]["sha256"]) for s in json_lines(wds(wds_python, "read", pattern))]
    ours = [(s["key"], s["blobs"]["jpg"]["sha256"]) for s in json_lines(run([shardcat, "list", pattern]).stdout)]
    assert ours == theirs
    assert [k for k, _ in ours] == [f"s{i:02d}" for i in (8, 9, 4, 5, 6, 7, 0, 1, 2, 3)]

    globbed = json_lines(run([shardcat, "list", str(tmp_path / "shard-*.tar")]).stdout)
    assert [s["key"] for s in globbed] == [s["__key__"] for s in samples]
    assert [s["fields"]["class"] for s in globbed] == [i % 3 for i in range(10)]


def test_compressed_shards_are_refused(shardcat, wds_python, tmp_path):
    shard = tmp_path / "wds.tar.gz"
    wds(wds_python, "write", str(shard), dump_samples([{"__key__": "a", "jpg": b"x"}], tmp_path / "s.json"))
    proc = run([shardcat, "list", str(shard)], expect=3)
    assert "gzip-compressed shard" in proc.stderr


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    if not os.path.exists(path):
        unavailable(f"{path} not built (set AUGER_BIN)")
    return path


def test_webdataset_reads_what_auger_run_writes(auger_bin, wds_python, tmp_path):
    """`auger run`'s shards through webdataset's reader and decoders: every sample, key and member, with the
    arrays auger encoded and the labels of the image folder."""
    import numpy as np

    data = os.path.join(ROOT, "examples", "data")
    policy = tmp_path / "p.aug"
    policy.write_text("sample S { image: image(rgb)\n label: class(3) }\n"
                      "policy f on S { random_resized_crop(size: 32)\n to_float() }\n"
                      "policy u on S { random_resized_crop(size: 24)\n hflip() @p(0.5) }\n")
    for name, ext in (("f", "npy"), ("u", "png")):
        out = tmp_path / name
        run([auger_bin, "run", str(policy), "--policy", name, "--input", data, "--output", str(out),
             "--shard-samples", "10", "-q"])
        shards = sorted(str(p) for p in out.glob("shard-*.tar"))
        assert len(shards) == 3
        got = json_lines(wds(wds_python, "decode", str(out / "shard-{000000..000002}.tar")))
        keys = sorted(os.path.relpath(os.path.join(d, f), data).rsplit(".", 1)[0]
                      for d, _, files in os.walk(data) for f in files if f.endswith(".jpg"))
        assert [s["key"] for s in got] == keys
        for s in got:
            classes = sorted(os.listdir(data))
            classes = [c for c in classes if not c.startswith(".")]
            assert s["cls"] == classes.index(s["key"].split("/")[0])
            assert s["json"]["label"] == s["cls"] and s["json"]["key"] == s["key"]
            assert s["json"]["params"]["0"]["op"] == "random_resized_crop"
            if ext == "npy":
                assert s["npy"]["shape"] == [3, 32, 32] and s["npy"]["dtype"] == "float32"
            else:
                assert s["png"]["shape"] == [24, 24, 3] and s["png"]["dtype"] == "uint8"
        # The arrays are auger's own bytes: compare one sample with auger's folder output.
        folder = tmp_path / (name + "_folder")
        run([auger_bin, "run", str(policy), "--policy", name, "--input", data, "--output", str(folder),
             "--format", "folder", "-q"])
        first = got[0]
        if ext == "npy":
            arr = np.load(folder / (first["key"] + ".npy"))
            assert hashlib.sha256(arr.tobytes()).hexdigest() == first["npy"]["sha256"]
