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

policy p(turn: angle = 0deg, bits: int in 1..8 = 8, fill: color = [0, 0, 0], q: float in [0, 1] = 0) on Photo {
  rotate(angle: turn, fill: fill)
  hflip() @p(q)
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
    text = image_of(policy_file, photo, {"turn": "30deg", "bits": 3, "fill": "[10, 200, 30]"})
    assert np.array_equal(typed, text)
    plain = image_of(policy_file, photo, {})
    assert not np.array_equal(typed, plain)  # the arguments reached the ops
    assert set(np.unique(typed[..., 1])) <= {v & 0xE0 for v in range(256)}  # 3 bits kept


@pytest.mark.parametrize("args,message", [
    ({"turn": 30}, "needs a unit"),
    ({"bits": 9}, "outside bits's domain"),
    ({"bits": 2.5}, r"bits \(int\) takes a whole number"),
    ({"bits": True}, "expected int"),
    ({"fill": "red"}, "is not a value of type"),
    ({"nope": 1}, "has no parameter `nope`"),
])
def test_wrong_values_are_errors_naming_the_parameter(policy_file, args, message):
    with pytest.raises(auger.Error, match=message):
        auger.load(policy_file, policy="p", args=args)


def test_a_string_takes_the_languages_units(policy_file, photo):
    # `50%` is a float as it is in a file (language.md §2), and gives the bytes 0.5 gives.
    assert np.array_equal(image_of(policy_file, photo, {"q": "50%"}), image_of(policy_file, photo, {"q": 0.5}))
    assert np.array_equal(image_of(policy_file, photo, {"q": "100%"}), image_of(policy_file, photo, {"q": 1}))
    with pytest.raises(auger.Error, match="takes % or no unit"):
        auger.load(policy_file, policy="p", args={"q": "30deg"})


@pytest.mark.parametrize("value", ["5", "0.5", "true"])
def test_a_string_holding_a_plain_number_or_bool_is_refused(policy_file, value):
    # Python has real numbers and bools: "5" is a value read as text by mistake, not a way to write 5.
    name = "bits" if value == "5" else "q"
    with pytest.raises(auger.Error, match=f"'{value}' is a string: pass the"):
        auger.load(policy_file, policy="p", args={name: value})
