"""Policy arguments from Python are typed values (engine::ArgValue), checked against each parameter's type and
domain by the same rules as `--set` text: "30deg" for an angle, numbers for numbers, lists of numbers for lists.
Each binding gives the bytes the equivalent `--set` text gives, and a value of the wrong type or outside the domain
is an auger.Error naming the parameter."""
import numpy as np
import pytest

import auger

POLICY = """\
sample Photo {
  image: image(rgb)
}

policy p(turn: angle = 0deg, bits: int in 1..8 = 8, fill: color = [0, 0, 0]) on Photo deterministic {
  rotate(angle: turn, fill: fill)
  posterize(bits: bits)
}
"""


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("typed") / "typed.aug"
    path.write_text(POLICY)
    return str(path)


@pytest.fixture(scope="module")
def photo():
    rng = np.random.default_rng(3)
    return rng.integers(0, 256, (24, 32, 3), dtype=np.uint8)


def image_of(policy_file, photo, args):
    return auger.load(policy_file, policy="p", args=args).apply({"image": photo}, key="k")["image"]


def test_typed_values_give_the_bytes_their_text_gives(policy_file, photo):
    typed = image_of(policy_file, photo, {"turn": "30deg", "bits": np.int64(3), "fill": [10, 200, 30]})
    text = image_of(policy_file, photo, {"turn": "30deg", "bits": "3", "fill": "[10, 200, 30]"})
    assert np.array_equal(typed, text)
    plain = image_of(policy_file, photo, {})
    assert not np.array_equal(typed, plain)  # the arguments reached the ops
    assert set(np.unique(typed[..., 1])) <= {v & 0xE0 for v in range(256)}  # 3 bits kept


@pytest.mark.parametrize("args,message", [
    ({"turn": 30}, "needs a unit"),
    ({"bits": 9}, "outside bits's domain"),
    ({"bits": 2.5}, "bits is an int"),
    ({"bits": True}, "expected int"),
    ({"fill": "red"}, "is not a value of type"),
    ({"nope": 1}, "has no parameter `nope`"),
])
def test_wrong_values_are_errors_naming_the_parameter(policy_file, args, message):
    with pytest.raises(auger.Error, match=message):
        auger.load(policy_file, policy="p", args=args)
