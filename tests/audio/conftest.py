"""Fixtures for the audio conformance tests: the binary, real speech as files, and `auger apply` on a policy."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
ALSA = "/usr/share/sounds/alsa"

# One 16 kHz mono schema with an optional transcript; each test adds the policies it needs.
SCHEMA = """
sample Utt {
  audio: audio(16kHz, mono)
  transcript: text(en)?
}
"""


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    assert os.path.exists(path), f"{path} not built (set AUGER_BIN)"
    return path


@pytest.fixture(scope="session")
def speech(tmp_path_factory):
    """Real speech: alsa-utils' recorded voice (48 kHz) and an espeak-ng utterance (22.05 kHz). name -> path."""
    d = tmp_path_factory.mktemp("speech")
    out = {}
    for name in ("Front_Center", "Rear_Left"):
        src = os.path.join(ALSA, f"{name}.wav")
        assert os.path.exists(src), "alsa-utils' test sounds are missing (scripts/install-deps)"
        out[name] = shutil.copy(src, d / f"{name}.wav")
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is missing (scripts/install-deps)"
    spoken = d / "fox.wav"
    # Under the sanitizer build the pytest process preloads the sanitizer runtimes (for the auger module); espeak-ng
    # is not instrumented and hangs with them, so it runs without.
    plain = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS")}
    subprocess.run([espeak, "-w", str(spoken), "The quick brown fox jumps over the lazy dog by the river"], check=True,
                   env=plain, timeout=120)
    out["fox"] = str(spoken)
    return out


def load16(path):
    """A file as torchaudio sees it for the 16 kHz mono schema: averaged to mono, F.resample'd to 16 kHz."""
    import torchaudio
    import torchaudio.functional as F

    w, sr = torchaudio.load(path)
    return F.resample(w.mean(0, keepdim=True), sr, 16000)


def read_wav(path):
    """auger's output as written, [channels, samples]: scipy reads float WAVs as they are, where torchaudio's sox
    backend clips them to [-1, 1] (auger never clips: speech plus noise at 0 dB goes past 1)."""
    import warnings

    from scipy.io import wavfile

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libsndfile's PEAK chunk, which scipy skips
        sr, w = wavfile.read(path)
    return np.ascontiguousarray(w.T if w.ndim == 2 else w[None], dtype=np.float32), sr


class Apply:
    """Runs `auger apply` on a policy written into a temporary folder."""

    def __init__(self, auger_bin, tmp_path):
        self.bin, self.tmp = auger_bin, tmp_path
        self.runs = 0

    def __call__(self, policies, inputs, policy, *extra, check=True):
        self.runs += 1
        aug = self.tmp / f"p{self.runs}.aug"
        aug.write_text(SCHEMA + policies)
        out = self.tmp / f"out{self.runs}"
        r = subprocess.run([self.bin, "apply", str(aug), "-p", policy, "--out", str(out), *map(str, inputs), *map(str, extra)],
                           capture_output=True, text=True)
        if check:
            assert r.returncode == 0, r.stderr
        return out, r

    @staticmethod
    def record(out, key):
        return json.loads((out / f"{key}.json").read_text())


@pytest.fixture
def apply(auger_bin, tmp_path):
    return Apply(auger_bin, tmp_path)


def peak_error(ours, ref):
    """max |ours - ref| relative to the reference's peak."""
    ours, ref = np.asarray(ours), np.asarray(ref)
    assert ours.shape == ref.shape, (ours.shape, ref.shape)
    return float(np.abs(ours - ref).max() / np.abs(ref).max())
