"""auger.load and Policy.apply: errors carry the diagnostics, and apply gives what `auger apply` writes."""
import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import IMAGENET, crops

import auger


def test_import_does_not_need_torch():
    code = "import sys; sys.modules['torch'] = None; import auger; print(auger.load)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_bad_file_raises_with_the_diagnostic(write_policy):
    path = write_policy("""\
        sample S {
          image: image(rgb)
        }
        policy p on S {
          rotate(angle: 30)
        }
        """)
    with pytest.raises(auger.Error) as e:
        auger.load(path, policy="p")
    text = str(e.value)
    assert "error[E" in text and "p.aug:5:" in text, text  # the code and the code frame's location
    assert "rotate" in text


def test_unknown_policy_and_parameter():
    with pytest.raises(auger.Error, match="no policy `nope`"):
        auger.load(IMAGENET, policy="nope")
    with pytest.raises(auger.Error, match="no parameter `strength`"):
        auger.load(IMAGENET, policy="train", args={"strength": 3})
    with pytest.raises(auger.Error, match="domain"):
        auger.load(IMAGENET, policy="train", args={"magnitude": 99})
    with pytest.raises(auger.Error, match="no statement labelled `nope`"):
        auger.load(IMAGENET, policy="train", disable=["nope"])
    with pytest.raises(auger.Error):
        auger.load("/nonexistent/x.aug", policy="p")


def test_schema_and_identity():
    p = auger.load(IMAGENET, policy="train", args={"magnitude": 12, "erase_p": 0.5}, seed=7)
    assert p.name == "train" and p.seed == 7
    assert ("image", "image", "u8") in p.inputs
    assert ("image", "image", "f32") in p.outputs
    ident = p.identity
    assert ident["seed"] == 7 and ident["policy"] == "train"
    assert sorted(ident["set"]) == ["erase_p=0.5", "magnitude=12"]


def test_apply_rejects_what_the_schema_does_not_have():
    p = auger.load(IMAGENET, policy="eval")
    img = crops()[0][2]
    with pytest.raises(auger.Error, match="not in sample"):
        p.apply({"image": img, "caption": "x"}, key="a")
    with pytest.raises(auger.Error, match="uint8"):
        p.apply({"image": img.astype(np.float32)}, key="a")
    with pytest.raises(auger.Error, match="needs its image field"):
        p.apply({"label": 1}, key="a")


def run_cli(auger_bin, policy_file, policy, inputs, out, *flags):
    proc = subprocess.run([auger_bin, "apply", policy_file, "--policy", policy, "--out", str(out), *flags, *inputs],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def pngs(tmp_path_factory):
    """Three photos as PNG files (lossless, so the CLI decodes exactly the array apply gets): (path, key, array)."""
    from PIL import Image

    d = tmp_path_factory.mktemp("pngs")
    out = []
    for _, name, arr in crops()[::4]:
        path = d / f"{name}.png"
        Image.fromarray(arr).save(path)
        out.append((str(path), name, arr))
    return out


@pytest.mark.parametrize("policy,seed,epoch", [("eval", 0, 0), ("train", 3, 1)])
def test_apply_equals_the_cli_f32(auger_bin, pngs, tmp_path, policy, seed, epoch):
    p = auger.load(IMAGENET, policy=policy, seed=seed)
    run_cli(auger_bin, IMAGENET, policy, [path for path, _, _ in pngs], tmp_path, "--seed", str(seed), "--epoch",
            str(epoch))
    for _, key, arr in pngs:
        out = p.apply({"image": arr, "label": 4}, key=key, epoch=epoch)
        want = np.load(tmp_path / f"{key}.npy")
        assert out["image"].dtype == np.float32 and out["image"].shape == want.shape == (3, 224, 224)
        assert out["image"].tobytes() == want.tobytes(), key
        record = json.loads((tmp_path / f"{key}.json").read_text())
        assert out["params"] == record["params"]
        assert out["label"] == 4


def test_apply_equals_the_cli_u8(auger_bin, small_policy, pngs, tmp_path):
    from PIL import Image

    p = auger.load(small_policy, policy="small_u8", seed=11)
    run_cli(auger_bin, small_policy, "small_u8", [path for path, _, _ in pngs], tmp_path, "--seed", "11", "--epoch",
            "2")
    flips = set()
    for _, key, arr in pngs:
        out = p.apply({"image": arr}, key=key, epoch=2)
        want = np.asarray(Image.open(tmp_path / f"{key}.png"))
        assert out["image"].dtype == np.uint8 and out["image"].shape == want.shape == (40, 40, 3)
        assert np.array_equal(out["image"], want), key
        assert out["params"] == json.loads((tmp_path / f"{key}.json").read_text())["params"]
        flips.add("flip" in out["params"])
    # Another epoch draws again; the same one draws the same.
    _, key, arr = pngs[0]
    assert p.apply({"image": arr}, key=key, epoch=2)["params"] == p.apply({"image": arr}, key=key, epoch=2)["params"]
    assert any(p.apply({"image": arr}, key=key, epoch=e)["params"] != p.apply({"image": arr}, key=key, epoch=2)["params"]
               for e in range(3, 8))


def test_apply_takes_strided_and_grey_arrays(small_policy):
    p = auger.load(small_policy, policy="small_u8", seed=1)
    _, _, arr = crops()[1]
    strided = arr[:, ::-1]  # a negative-stride view
    assert np.array_equal(p.apply({"image": strided}, key="k")["image"],
                          p.apply({"image": np.ascontiguousarray(strided)}, key="k")["image"])
    grey = arr[:, :, 0]
    assert np.array_equal(p.apply({"image": grey}, key="k")["image"],
                          p.apply({"image": np.repeat(grey[:, :, None], 3, axis=2)}, key="k")["image"])
