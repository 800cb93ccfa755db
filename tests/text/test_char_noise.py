"""char_noise by its rules: keyboard typos are nlpaug's QWERTY neighbours (case kept), swaps exchange a character
with the next of its token, deletions never empty a token; tokens and tags never change in number."""
import unicodedata
from collections import Counter

# nlpaug's en.json (nlpaug/res/char/keyboard/en.json), letters and digits, " t" read as "t", "a" not its own.
KEYBOARD = {
    "1": "!2@qw", "2": "@1!3#qwe", "3": "#2@4$we", "4": "$3#5%er", "5": "%4$6^rty", "6": "^5%7&tyu",
    "7": "&6^8*yui", "8": "*7&9(uio", "9": "(8*0)iop", "q": "1!2@was", "w": "1!2@3#qeasd", "e": "2@3#4$wrsdf",
    "r": "3#4$5%etdfg", "t": "4$5%6^ryfgh", "y": "5%6^7&tughj", "u": "6^7&8*tihjk", "i": "7&8*9(uojkl",
    "o": "8*9(0)ipkl", "p": "9(0)ol", "a": "qwszx", "s": "qweadzxc", "d": "wersfxcv", "f": "ertdgcvb",
    "g": "rtyfhvbn", "h": "tyugjbnm", "j": "yuihknm,<", "k": "uiojlm,<.>", "l": "iopk;:,<.>/?", "z": "asx",
    "x": "asdzc", "c": "sdfxv", "v": "dfgcb", "b": "fghvn", "n": "ghjbm", "m": "hjkn,<",
}


def neighbours(c):
    near = KEYBOARD.get(c.lower(), "")
    return {n.upper() for n in near} if c.isupper() else set(near)


def test_keyboard_typos_are_neighbours_with_case_kept(apply):
    hits = 0
    for t_in, g_in, t_out, g_out in apply.ner("char_noise(p: 0.3, kind: keyboard)"):
        assert len(t_out) == len(t_in) and g_out == g_in
        for a, b in zip(t_in, t_out):
            assert len(a) == len(b)
            for x, y in zip(a, b):
                if x != y:
                    assert x.isalnum() and y in neighbours(x), (a, b)
                    hits += 1
    assert hits > 0


def test_swap_moves_characters_within_a_token(apply):
    swaps = 0
    for t_in, g_in, t_out, g_out in apply.ner("char_noise(p: 0.3, kind: swap)"):
        assert len(t_out) == len(t_in) and g_out == g_in
        for a, b in zip(t_in, t_out):
            assert Counter(a) == Counter(b)
            diff = [i for i in range(len(a)) if a[i] != b[i]]
            # Each change is an adjacent pair exchanged.
            i = 0
            while i < len(diff):
                k = diff[i]
                assert i + 1 < len(diff) and diff[i + 1] == k + 1 and a[k] == b[k + 1] and a[k + 1] == b[k], (a, b)
                swaps += 1
                i += 2
    assert swaps > 0


def is_subsequence(small, big):
    it = iter(big)
    return all(ch in it for ch in small)


def test_delete_never_empties_a_token(apply):
    deleted = 0
    for t_in, g_in, t_out, g_out in apply.ner("char_noise(p: 0.9, kind: delete)"):
        assert len(t_out) == len(t_in) and g_out == g_in
        for a, b in zip(t_in, t_out):
            assert 1 <= len(b) <= len(a) and is_subsequence(b, a), (a, b)
            assert all(ch.isalnum() for ch in Counter(a) - Counter(b))
            deleted += len(a) - len(b)
    assert deleted > 0


def graphemes(token):
    """Grapheme clusters of the test's words: a base character followed by its combining marks (Mn, Mc)."""
    out = []
    for ch in token:
        if out and unicodedata.category(ch) in ("Mn", "Mc"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


# Decomposed accents (e + U+0301, i + U+0308) and Devanagari vowel signs and virama: one character each to a reader.
ACCENTED = "cafe\u0301 nai\u0308ve \u0928\u092e\u0938\u094d\u0924\u0947 re\u0301sume\u0301"


def test_noise_keeps_accents_with_their_letters(apply, tmp_path):
    src = tmp_path / "accents.txt"
    src.write_text((ACCENTED + "\n") * 40)
    schema = "import std.text\nsample S {\n  text: text(en)\n}\n"
    for kind, p in (("delete", 1), ("delete", 0.5), ("swap", 0.5)):
        out, _ = apply(f"char_noise(p: {p}, kind: {kind})", [src], schema=schema)
        lines = (out / "accents.txt").read_text().splitlines()
        assert len(lines) == 40
        changed = 0
        for line in lines:
            for a, b in zip(ACCENTED.split(), line.split()):
                ga, gb = graphemes(a), graphemes(b)
                # No token is left with a mark that lost its base, and every cluster is one of the input's.
                assert unicodedata.category(b[0]) not in ("Mn", "Mc"), (a, b)
                assert not Counter(gb) - Counter(ga), (a, b)
                if kind == "swap":
                    assert Counter(ga) == Counter(gb), (a, b)
                changed += ga != gb
        assert changed > 0, kind
