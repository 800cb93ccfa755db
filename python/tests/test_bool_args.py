"""A `bool` policy parameter passed from Python (auger.load(args={"flag": True/False})) reaches the op it gates,
directly and through a transform's parameter, and gives what `auger apply --set flag=…` gives.

The language has no `if`: a bool parameter gates behaviour through an op's bool argument. Here it is `rotate`'s
`expand` (torchvision's `expand=`): a quarter turn of a 40x60 photo is 60x40 with `expand: true` (np.rot90 exactly,
nearest sampling) and stays 40x60, corners filled, with `expand: false`."""
import os
import subprocess

import numpy as np
import pytest
from PIL import Image

import auger

POLICY = """\
sample Photo {
  image: image(rgb)
}

transform turn(big: bool = false) {
  rotate(angle: 90deg, expand: big)
}

policy direct(flag: bool = false) on Photo deterministic {
  rotate(angle: 90deg, expand: flag)
}

policy through(flag: bool = true) on Photo deterministic {
  turn(big: flag)
}
"""


@pytest.fixture(scope="module")
def photo():
    import skimage.data

    return np.ascontiguousarray(skimage.data.chelsea()[100:140, 150:210])  # 40x60, not square


@pytest.fixture
def policy_file(write_policy):
    return write_policy(POLICY, "flag.aug")


def run(policy_file, name, photo, **load):
    out = auger.load(policy_file, policy=name, **load).apply({"image": photo}, key="cat")
    return out["image"], out["params"]


def check_expanded(image, params, photo, what):
    assert image.shape == (60, 40, 3), f"{what}: expand should be on (a 60x40 result), got shape {image.shape}"
    assert np.array_equal(image, np.rot90(photo)), f"{what}: expand on, but not the photo turned a quarter"
    assert [p["expand"] for p in params.values()] == [True], f"{what}: the drawn params say {params}"


def check_kept(image, params, photo, what):
    assert image.shape == (40, 60, 3), f"{what}: expand should be off (a 40x60 result), got shape {image.shape}"
    assert not np.array_equal(image, photo), f"{what}: the rotation did not run"
    assert [p["expand"] for p in params.values()] == [False], f"{what}: the drawn params say {params}"


@pytest.mark.parametrize("name", ["direct", "through"])
@pytest.mark.parametrize("flag", [True, False, np.bool_(True), np.bool_(False)], ids=["True", "False", "np.True_",
                                                                                     "np.False_"])
def test_bool_argument_gates_its_op(policy_file, photo, name, flag):
    image, params = run(policy_file, name, photo, args={"flag": flag})
    what = f"policy {name} with args={{'flag': {flag!r}}}"
    (check_expanded if flag else check_kept)(image, params, photo, what)


def test_bool_argument_overrides_either_default(policy_file, photo):
    # `direct` defaults to false, `through` to true: each default holds without args, and the other value wins
    # when given.
    check_kept(*run(policy_file, "direct", photo), photo, "direct, default")
    check_expanded(*run(policy_file, "through", photo), photo, "through, default")
    check_expanded(*run(policy_file, "direct", photo, args={"flag": True}), photo, "direct, flag=True")
    check_kept(*run(policy_file, "through", photo, args={"flag": False}), photo, "through, flag=False")


@pytest.mark.parametrize("flag", [True, False])
def test_bool_argument_is_what_the_command_line_sets(policy_file, photo, auger_bin, tmp_path, flag):
    src = tmp_path / "cat.png"
    Image.fromarray(photo).save(src)
    out = tmp_path / "out"
    proc = subprocess.run([auger_bin, "apply", policy_file, "--policy", "through", "--out", str(out), str(src),
                           "--set", f"flag={str(flag).lower()}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    cli = np.asarray(Image.open(out / "cat.png"))
    image, _ = run(policy_file, "through", photo, args={"flag": flag})
    assert np.array_equal(image, cli), f"flag={flag}: Python gives {image.shape}, auger apply --set {cli.shape}"


@pytest.mark.parametrize("bad", [1, 0, "yes"])
def test_a_non_bool_for_a_bool_parameter_is_an_error(policy_file, bad):
    with pytest.raises(auger.Error, match="true or false"):
        auger.load(policy_file, policy="direct", args={"flag": bad})
