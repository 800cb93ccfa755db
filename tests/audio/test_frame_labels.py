"""Frame-aligned labels (`frames(10ms)`) follow the time axis (language.md §7 rule 8, docs/audio.md "Labels"):
`speed` and `time_stretch` rescale them, `time_shift` shifts them (rolled or zero-filled), `time_warp` warps them with the
spectrogram's map; the transcript is untouched. An energy alignment (1 where a 10 ms frame has speech) made from the
input must still match the energy of the output after the op — and would not, left where it was."""
import json
import subprocess

import numpy as np
import pytest

from conftest import load16, read_wav

SCHEMA = """
sample Utt {
  audio: audio(16kHz, mono)
  transcript: text(en)?
  alignment: frames(10ms)?
}
"""
POLICIES = """
policy slow on Utt { speed(factor: 0.8) }
policy fast on Utt { speed(factor: 1.25) }
policy stretch on Utt { time_stretch(rate: 1.25) }
policy roll on Utt { time_shift(max: 800ms) }
policy zero on Utt { time_shift(max: 800ms, mode: zero) }
policy warp on Utt { melspec(n_mels: 40, win: 25ms, hop: 10ms, n_fft: 512)  time_warp(W: 60) }
policy keep on Utt { gain(db: 3dB)  add_noise(snr: 30dB)  resample(rate: 8kHz) }
"""
HOP = 160  # 10 ms at 16 kHz


def vad(wave):
    """1 for each whole 10 ms frame whose RMS is above a tenth of the loudest frame's, else 0."""
    n = len(wave) // HOP
    rms = np.sqrt((wave[: n * HOP].reshape(n, HOP) ** 2).mean(1))
    return (rms > 0.1 * rms.max()).astype(int)


class Run:
    def __init__(self, auger_bin, tmp_path):
        self.bin, self.tmp = auger_bin, tmp_path
        (tmp_path / "p.aug").write_text(SCHEMA + POLICIES)

    def __call__(self, policy, sample, *extra):
        path = self.tmp / "utt.json"
        path.write_text(json.dumps(sample))
        out = self.tmp / f"{policy}{'_'.join(map(str, extra))}"
        r = subprocess.run([self.bin, "apply", str(self.tmp / "p.aug"), "-p", policy, "--out", str(out), str(path),
                            *map(str, extra)], capture_output=True, text=True)
        return out, r


@pytest.fixture
def run(auger_bin, tmp_path):
    return Run(auger_bin, tmp_path)


@pytest.fixture(scope="module")
def fox(speech):
    wave = load16(speech["fox"])[0].numpy()
    return speech["fox"], vad(wave)


def agreement(a, b):
    n = min(len(a), len(b))
    return float((np.asarray(a[:n]) == np.asarray(b[:n])).mean())


@pytest.mark.parametrize("policy,scale", [("slow", 16000 / int(0.8 * 16000)), ("fast", 16000 / int(1.25 * 16000)),
                                          ("stretch", 1 / 1.25)])
def test_speed_and_time_stretch_rescale_the_alignment(run, fox, policy, scale):
    path, labels = fox
    out, r = run(policy, {"audio": path, "transcript": "the fox", "alignment": labels.tolist()})
    assert r.returncode == 0, r.stderr
    record = json.loads((out / "utt.json").read_text())
    moved = np.array(record["alignment"])
    assert len(moved) == round(len(labels) * scale)
    # nearest frame: output frame j takes input frame floor((j + 0.5) / scale)
    src = np.minimum(np.floor((np.arange(len(moved)) + 0.5) / scale).astype(int), len(labels) - 1)
    assert (moved == labels[src]).all()
    wave, _ = read_wav(out / "utt.wav")
    after = vad(wave[0])
    assert abs(len(after) - len(moved)) <= 1
    assert agreement(moved, after) > (0.9 if policy == "stretch" else 0.95)  # the vocoder smears onsets by a window
    assert agreement(labels, after) < agreement(moved, after) - 0.05  # left unmoved, it would be out of step
    assert record["transcript"] == "the fox"


@pytest.mark.parametrize("policy", ["roll", "zero"])
def test_time_shift_shifts_the_alignment(run, fox, policy):
    path, labels = fox
    for seed in range(4):
        out, r = run(policy, {"audio": path, "alignment": labels.tolist()}, "--seed", seed)
        assert r.returncode == 0, r.stderr
        record = json.loads((out / "utt.json").read_text())
        shift = record["params"]["0"]["shift"]
        k = round(shift / HOP)
        if policy == "roll":
            expect = np.roll(labels, k)
        else:
            expect = np.zeros_like(labels)
            if k >= 0:
                expect[k:] = labels[: len(labels) - k]
            else:
                expect[: len(labels) + k] = labels[-k:]
        assert record["alignment"] == expect.tolist(), (seed, shift)
        wave, _ = read_wav(out / "utt.wav")  # a shift by a part of a frame blurs the edges of the energy frames
        after = vad(wave[0])
        assert agreement(record["alignment"], after) > 0.9
        if abs(k) >= 10:
            assert agreement(labels, after) < agreement(record["alignment"], after) - 0.05


def test_time_warp_warps_the_alignment(run, fox):
    path, labels = fox
    frames = list(range(len(labels)))  # each frame labelled with its own index: the map itself comes back
    warped = 0
    for seed in range(6):
        out, r = run("warp", {"audio": path, "alignment": frames}, "--seed", seed)
        assert r.returncode == 0, r.stderr
        record = json.loads((out / "utt.json").read_text())
        c, t = record["params"]["1"]["center"], record["params"]["1"]["target"]
        spec = np.load(out / "utt.npy")
        L = spec.shape[1]
        got = np.array(record["alignment"])
        assert len(got) == len(frames) and (np.diff(got) >= 0).all()
        if c < 0:
            assert got.tolist() == frames
            continue
        warped += c != t
        # the inverse of ESPnet's map in frame coordinates (hop = frame period), within one frame
        p = np.arange(len(frames)) + 0.5
        q = np.where(p < t, p * c / t, np.where(p < L, c + (p - t) * (L - c) / (L - t), p))
        assert np.abs(got - (q - 0.5)).max() <= 1.0, (seed, c, t)
    assert warped >= 3


def test_ops_that_keep_the_time_axis_keep_it(run, fox):
    path, labels = fox
    out, r = run("keep", {"audio": path, "alignment": labels.tolist()})
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "utt.json").read_text())["alignment"] == labels.tolist()


def test_a_malformed_alignment_is_a_per_sample_error(run, fox):
    path, _ = fox
    _, r = run("slow", {"audio": path, "alignment": 7})
    assert r.returncode == 3 and "`alignment`" in r.stderr and "one label per frame" in r.stderr
    out, r = run("slow", {"audio": path})  # absent: nothing to move
    assert r.returncode == 0, r.stderr
    assert "alignment" not in json.loads((out / "utt.json").read_text())
