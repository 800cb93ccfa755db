"""A file cut short, or whose header claims more than it holds, is a per-sample error that gives both counts (QA: a
WAV cut in half and one claiming 2 hours over 1 s were used silently); files written by streaming tools, whose
header leaves the length unknown, are read."""
import ctypes
import ctypes.util
import struct
import subprocess

import numpy as np
import pytest

from conftest import SCHEMA
from test_hostile_audio import float_wav

POLICY = "policy mel on Utt deterministic { melspec() }"
SECOND = (np.sin(np.arange(16000) / 5) * 0.3).astype(np.float32)


class SfInfo(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


def write_flac(path, x, rate):
    """16-bit mono FLAC through libsndfile (torchaudio's sox in Debian writes no FLAC)."""
    lib = ctypes.CDLL(ctypes.util.find_library("sndfile"))
    lib.sf_open.restype = ctypes.c_void_p
    info = SfInfo(samplerate=rate, channels=1, format=0x170000 | 0x0002)  # SF_FORMAT_FLAC | SF_FORMAT_PCM_16
    f = ctypes.c_void_p(lib.sf_open(str(path).encode(), 0x20, ctypes.byref(info)))  # SFM_WRITE
    assert f.value, "libsndfile cannot write FLAC"
    x = np.ascontiguousarray(x, dtype=np.float32)
    lib.sf_writef_float(f, x.ctypes.data_as(ctypes.c_void_p), ctypes.c_int64(len(x)))
    lib.sf_close(f)


def with_data_size(good, size):
    """The WAV `good` (bytes) with its RIFF and data chunk sizes set to `size`."""
    b = bytearray(good)
    at = b.find(b"data")
    b[at + 4:at + 8] = struct.pack("<I", size)
    b[4:8] = struct.pack("<I", min(size + 36, 0xFFFFFFFF))
    return bytes(b)


@pytest.fixture
def files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    wav = float_wav(d / "whole.wav", SECOND, 16000).read_bytes()  # 4 bytes a frame
    (d / "half.wav").write_bytes(wav[: 44 + 4 * 6000 + 2])  # 6000 frames and half a sample
    (d / "claims2h.wav").write_bytes(with_data_size(wav, 4 * 16000 * 7200))
    write_flac(d / "fwhole.flac", SECOND, 16000)
    flac = (d / "fwhole.flac").read_bytes()
    (d / "fhalf.flac").write_bytes(flac[: len(flac) // 2])
    (d / "stream_ff.wav").write_bytes(with_data_size(wav, 0xFFFFFFFF))  # sox, ffmpeg writing to a pipe
    (d / "stream_7f.wav").write_bytes(with_data_size(wav, 0x7FFFF000))  # the other "unknown length" mark
    (d / "claims2g.wav").write_bytes(with_data_size(wav, 0x80000000))  # past both marks: still a truncation
    return d


def test_truncations_are_per_sample_errors(apply, files):
    inputs = sorted(files.iterdir())
    out, r = apply(POLICY, inputs, "mel", check=False)
    assert r.returncode == 3, r.stderr
    lines = {name: next((l for l in r.stderr.splitlines() if f"{name}:" in l), "")
             for name in ("half.wav", "claims2h.wav", "fhalf.flac", "claims2g.wav")}
    assert "truncated: the header says 16000 frames, the file holds 6000" in lines["half.wav"], r.stderr
    assert "truncated: the header says 115200000 frames, the file holds 16000" in lines["claims2h.wav"], r.stderr
    assert "truncated: the header says 16000 frames, the file holds " in lines["fhalf.flac"], r.stderr
    assert "truncated: the header says 536870912 frames, the file holds 16000" in lines["claims2g.wav"], r.stderr
    for name in ("half", "claims2h", "fhalf", "claims2g"):
        assert not (out / f"{name}.npy").exists()
    for name in ("whole", "fwhole", "stream_ff", "stream_7f"):
        assert np.load(out / f"{name}.npy").shape[1] == 101, name


def test_a_truncated_file_in_a_run_manifest(auger_bin, files, tmp_path):
    aug = tmp_path / "p.aug"
    aug.write_text(SCHEMA + POLICY)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("".join(f'{{"key": "{n}", "audio": "{files / n}"}}\n' for n in ("whole.wav", "fhalf.flac")))
    r = subprocess.run([auger_bin, "run", str(aug), "-p", "mel", "-i", str(manifest), "-o", str(tmp_path / "shards"),
                        "--max-errors", "1"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "m.jsonl:2: field `audio`: truncated: the header says 16000 frames" in r.stderr, r.stderr
    # each failed sample on one line, its origin named once, no blank line between the run's lines
    errors = [l for l in r.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 1 and errors[0].count("m.jsonl:2") == 1, r.stderr
    assert "" not in r.stderr.rstrip("\n").splitlines(), r.stderr


def test_a_source_error_names_its_origin_once(auger_bin, files, tmp_path):
    # a manifest's own errors begin with their origin ("m.jsonl:2 (audio): cannot open …", "m.jsonl:3: not JSON")
    aug = tmp_path / "p.aug"
    aug.write_text(SCHEMA + POLICY)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(f'{{"key": "a", "audio": "{files / "whole.wav"}"}}\n{{"key": "b", "audio": "nope.wav"}}\n'
                        "not json\n")
    for cmd in (["run", "-o", str(tmp_path / "shards"), "--max-errors", "100%"], ["preview", "-o", str(tmp_path / "p.png")]):
        r = subprocess.run([auger_bin, cmd[0], str(aug), "-p", "mel", "-i", str(manifest), *cmd[1:]],
                           capture_output=True, text=True)
        errors = sorted(l for l in r.stderr.splitlines() if l.startswith("error:"))
        assert len(errors) == 2, r.stderr
        assert errors[0].startswith(f"error: {manifest}:2 (audio): cannot open"), r.stderr
        assert errors[1].startswith(f"error: {manifest}:3: not JSON"), r.stderr
        assert errors[0].count("m.jsonl:2") == 1 and errors[1].count("m.jsonl:3") == 1, r.stderr
