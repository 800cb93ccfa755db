"""--seed and --epoch out of range: every command that has them refuses a negative number, one past 2**64-1, hex
or an empty value with exit 2 and a message naming the option (tools/u64_option.cpp), instead of wrapping `-1` to
2**64-1 or clamping to it as CLI11's conversion does; `auger.load(seed=...)` and `Policy.apply(epoch=...)` raise
auger.Error for the same values (docs/cli.md)."""
import auger  # CTest sets PYTHONPATH=build/python; a missing module fails the suite
import numpy as np
import pytest

POLICY = "sample P {\n  image: image(rgb)\n}\npolicy flip on P deterministic {\n  hflip()\n}\n"
BAD = ["-1", "-5", "18446744073709551616", "99999999999999999999999", "0x10", "1e3", ""]


@pytest.fixture
def setup(tmp_path, photo):
    aug = tmp_path / "p.aug"
    aug.write_text(POLICY)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(open(photo, "rb").read())
    return aug, folder, tmp_path


def commands(aug, folder, out):
    """Each command line with a --seed or --epoch, with the option's value left to the caller."""
    return {
        "apply --seed": ["apply", aug, "--out", out / "a", folder / "cat.jpg", "--seed"],
        "apply --epoch": ["apply", aug, "--out", out / "a", folder / "cat.jpg", "--epoch"],
        "run --seed": ["run", aug, "--input", folder, "--output", out / "r", "--seed"],
        "preview --seed": ["preview", aug, "--input", folder, "-o", out / "p.png", "--seed"],
        "preview --epoch": ["preview", aug, "--input", folder, "-o", out / "p.png", "--epoch"],
        "explain --seed": ["explain", aug, "--emit", "halide", "--seed"],
    }


@pytest.mark.parametrize("value", BAD)
def test_out_of_range_values_are_wrong_usage(setup, run_auger, value):
    aug, folder, out = setup
    for name, line in commands(aug, folder, out).items():
        r = run_auger(*line, value)
        option = name.split()[1]
        assert r.returncode == 2, (name, value, r.returncode, r.stderr)
        assert f"{option}: `{value}` is not a whole number in 0..18446744073709551615" in r.stderr, (name, r.stderr)


def test_search_refuses_a_negative_seed(setup, run_auger):
    aug, _, _ = setup
    r = run_auger("search", aug, "--trials", "1", "--eval", "true", "--seed", "-1")
    assert r.returncode == 2, r.stderr
    assert "--seed: `-1` is not a whole number" in r.stderr


def test_the_full_range_is_accepted_and_recorded(setup, run_auger):
    import json

    aug, folder, out = setup
    r = run_auger("apply", aug, "--out", out / "a", folder / "cat.jpg", "--seed", "18446744073709551615",
                  "--epoch", "007")
    assert r.returncode == 0, r.stderr
    identity = json.loads((out / "a" / "cat.json").read_text())["identity"]
    assert (identity["seed"], identity["epoch"]) == (18446744073709551615, 7)  # 007 is decimal 7, not octal


@pytest.mark.parametrize("seed", [-1, 2**64, 1.5, True])
def test_python_seed_out_of_range_is_an_auger_error(setup, seed):
    aug, _, _ = setup
    with pytest.raises(auger.Error, match="seed must be a whole number in 0..18446744073709551615"):
        auger.load(str(aug), seed=seed)


def test_python_takes_the_full_range_and_numpy_ints(setup):
    aug, _, _ = setup
    assert auger.load(str(aug), seed=2**64 - 1).seed == 2**64 - 1
    assert auger.load(str(aug), seed=np.uint64(5)).seed == 5
    policy = auger.load(str(aug))
    with pytest.raises(auger.Error, match="epoch must be a whole number"):
        policy.apply({"image": np.zeros((4, 4, 3), np.uint8)}, key="k", epoch=-1)
