"""`auger preview` of a text policy: a before/after table in HTML (-o x.html) or plain text (-o x.txt, -o -), one
row per sample, the changed tokens marked, tags aligned under their tokens, hostile text escaped, the same result
as `auger apply` for the same key; a -o that does not fit a text schema is exit 2."""
import json
import re
import subprocess
import unicodedata
from html.parser import HTMLParser

from conftest import NER, PROSE, SCHEMA

HOSTILE = [
    "The <script>alert('x')</script> quick brown fox & friends \"jump\" over it",
    "Plain words with a <b>bold</b> tag and an <img src=x onerror=alert(1)> picture",
    "Terminal \x1b[31mred\x1b[0m text and more words here",
]


def policy(tmp_path, body, name="p"):
    aug = tmp_path / f"{name}.aug"
    aug.write_text(SCHEMA + f"policy p on S {{ {body} }}\n")
    return aug


def preview(auger_bin, aug, src, out, *extra, expect=0):
    r = subprocess.run([auger_bin, "preview", str(aug), "-p", "p", "-i", str(src), "-o", str(out), *map(str, extra)],
                       capture_output=True, text=True)
    assert r.returncode == expect, r.stderr
    return r


class Cells(HTMLParser):
    """The text of each row's key, before and after cells, and which tokens sit in <del>/<ins>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.cell, self.mark = [], None, None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "") or ""
        if tag == "tr" and cls.startswith("sample"):
            self.rows.append({"class": cls, "key": "", "before": "", "after": "", "del": [], "ins": [], "tags": [],
                              "marked": ""})
        elif tag == "td" and self.rows:
            self.cell = next((c for c in ("key", "before", "after") if c in cls.split()), None)
        elif tag in ("del", "ins"):
            self.mark = tag
            self.rows[-1][tag].append("")
            self.rows[-1]["marked"] += "[-" if tag == "del" else "{+"
        elif tag == "span" and cls == "tag":
            self.mark = "tag"
            self.rows[-1]["tags"].append("")
        elif tag == "small":
            self.cell = None  # the origin under the key

    def handle_endtag(self, tag):
        if tag in ("del", "ins"):
            self.rows[-1]["marked"] += "-]" if tag == "del" else "+}"
        if tag in ("del", "ins", "span"):
            self.mark = None
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        if not self.rows:
            return
        row = self.rows[-1]
        if self.mark in ("del", "ins"):
            row[self.mark][-1] += data
        if self.mark == "tag":
            row["tags"][-1] += data
            return
        if self.cell:
            row[self.cell] += data
            if self.cell == "before":
                row["marked"] += data


def cells(path):
    p = Cells()
    p.feed(path.read_text(encoding="utf-8"))
    return p.rows


def test_html_row_per_sample_equal_to_apply(auger_bin, apply, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE) + "\n")
    body = "eda(alpha: 0.2)"
    aug = policy(tmp_path, body)
    out = tmp_path / "table.html"
    r = preview(auger_bin, aug, src, out, "--n", 5, "--seed", 3)
    assert "5 samples (0 failed)" in r.stderr
    rows = cells(out)
    assert len(rows) == 5 and all(row["class"] == "sample" for row in rows)
    applied, _ = apply(body, [src], "--seed", 3)
    got = (applied / "prose.txt").read_text().split("\n")
    for row in rows:
        line = int(row["key"].split(":")[1])  # keyed NAME:LINE as apply keys them
        assert row["before"] == PROSE[line - 1]
        assert row["after"] == got[line - 1]
    assert any(row["before"] != row["after"] for row in rows)
    # Another seed shows other samples or other draws.
    other = tmp_path / "other.html"
    preview(auger_bin, aug, src, other, "--n", 5, "--seed", 4)
    assert other.read_bytes() != out.read_bytes()


def test_dropped_tokens_are_marked(auger_bin, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE) + "\n")
    aug = policy(tmp_path, "token_dropout(p: 0.4)")
    out = tmp_path / "t.html"
    preview(auger_bin, aug, src, out, "--n", len(PROSE))
    rows = cells(out)
    assert len(rows) == len(PROSE)
    marked = 0
    for row in rows:
        # Dropout only removes: the <del> tokens are what is gone, nothing is <ins>.
        assert row["ins"] == []
        kept = [t for t in row["marked"].split() if not t.startswith("[-")]
        assert kept == row["after"].split()
        marked += len(row["del"])
    assert marked > 0


def test_hostile_text_is_escaped(auger_bin, tmp_path):
    manifest = tmp_path / "hostile.jsonl"
    lines = [{"key": f"<i>k{i}</i>", "text": t} for i, t in enumerate(HOSTILE)]
    manifest.write_text("".join(json.dumps(l) + "\n" for l in lines))
    aug = policy(tmp_path, "random_swap(n: 1)")
    out = tmp_path / "h.html"
    preview(auger_bin, aug, manifest, out, "--n", 3)
    page = out.read_text(encoding="utf-8")
    for needle in ("<script", "<img", "<b>", "<i>", "onerror=alert(1)>", "\x1b"):
        assert needle not in page, needle
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page and "&amp;" in page and "&quot;jump&quot;" in page
    assert "&lt;i&gt;k0&lt;/i&gt;" in page and "\\x1b[31mred" in page
    rows = cells(out)
    assert sorted(row["key"] for row in rows) == sorted(l["key"] for l in lines)
    # The page's own markup is intact: three rows, each with its before and after cell.
    assert page.count('<tr class="sample">') == 3 and page.count('class="text before"') == 3
    # Swaps permute: the words are the same multiset, the text shown is the text given (control bytes as \xNN).
    for row in rows:
        assert sorted(row["before"].split()) == sorted(row["after"].split())


def test_plain_table_on_stdout_escapes_control_characters(auger_bin, tmp_path):
    src = tmp_path / "hostile.txt"
    src.write_text("\n".join(HOSTILE) + "\n")
    aug = policy(tmp_path, "random_swap(n: 1)")
    r = preview(auger_bin, aug, src, "-", "--n", 3)
    assert "\x1b" not in r.stdout and "\\x1b[31mred" in r.stdout
    assert len(re.findall(r"^#\d+  hostile:\d", r.stdout, re.M)) == 3
    assert r.stdout.count("\n  before:  ") == 3 and r.stdout.count("\n  after:   ") == 3
    assert "<script>alert('x')</script>" in r.stdout  # plain text is plain: no HTML escaping
    out = tmp_path / "t.txt"
    preview(auger_bin, aug, src, out, "--n", 3)
    assert out.read_text() == r.stdout


def columns(line):
    """The display column (East Asian wide characters take two) where each space-separated word of `line` starts."""
    starts, col, prev = [], 0, " "
    for ch in line:
        if ch != " " and prev == " ":
            starts.append(col)
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        prev = ch
    return starts


def test_tags_are_aligned_under_their_tokens(auger_bin, tmp_path):
    manifest = tmp_path / "ner.jsonl"
    sentences = NER + [("東京 は 日本 の 首都 です", "B-LOC O B-LOC O O O")]
    manifest.write_text("".join(json.dumps({"key": f"s{i}", "text": t, "tags": g.split()}) + "\n"
                                for i, (t, g) in enumerate(sentences)))
    aug = policy(tmp_path, "random_swap(n: 2)")
    r = preview(auger_bin, aug, manifest, "-", "--n", len(sentences), "--seed", 1)
    lines = r.stdout.split("\n")
    checked = 0
    for i, line in enumerate(lines):
        if not (line.startswith("  before:  ") or line.startswith("  after:   ")):
            continue
        words, tags = line[11:], lines[i + 1][11:]
        assert columns(words) == columns(tags), (words, tags)
        assert len(columns(words)) == len(words.split())
        checked += 1
    assert checked == 2 * len(sentences)
    assert "東京" in r.stdout
    # In HTML every token carries its tag, and a swap moves the pair: the (token, tag) multiset is kept.
    out = tmp_path / "ner.html"
    preview(auger_bin, aug, manifest, out, "--n", len(sentences), "--seed", 1)
    page = out.read_text()
    assert page.count('<span class="tag">') == 2 * sum(len(t.split()) for t, _ in sentences)
    for row in cells(out):
        assert sorted(row["tags"][:len(row["tags"]) // 2]) == sorted(row["tags"][len(row["tags"]) // 2:])


def test_exit_codes(auger_bin, tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("\n".join(PROSE[:2]) + "\n")
    aug = policy(tmp_path, "random_swap(n: 1)")
    r = preview(auger_bin, aug, src, tmp_path / "x.png", expect=2)
    assert ".html" in r.stderr and "table" in r.stderr
    preview(auger_bin, aug, src, tmp_path / "x.csv", expect=2)
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "x.csv").exists()
    r = preview(auger_bin, aug, src, tmp_path / "x.html", "--disable", "nope", expect=2)
    assert "nope" in r.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    r = preview(auger_bin, aug, empty, tmp_path / "e.html", expect=3)
    assert "empty" in r.stderr
    assert (tmp_path / "e.html").exists()  # the table still says what failed
    # One bad line among good ones is that row's error, and the preview succeeds.
    mixed = tmp_path / "mixed.txt"
    mixed.write_text(PROSE[0] + "\n\n" + PROSE[1] + "\n")
    out = tmp_path / "m.html"
    r = preview(auger_bin, aug, mixed, out, expect=0)
    assert "1 failed" in r.stderr
    rows = cells(out)
    assert [row["class"] for row in rows].count("sample error") == 1 and len(rows) == 3


def test_disable_and_epoch_as_for_images(auger_bin, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE) + "\n")
    aug = policy(tmp_path, "drop: token_dropout(p: 0.3)  swap: random_swap(n: 1)")
    out = tmp_path / "off.html"
    preview(auger_bin, aug, src, out, "--n", 4, "--disable", "drop", "--disable", "swap")
    rows = cells(out)
    assert len(rows) == 4
    for row in rows:
        assert row["before"] == row["after"] and row["del"] == [] and row["ins"] == []
    assert out.read_text().count("no text op ran") == 4
    assert "--disable drop --disable swap" in out.read_text()  # the identity says how it was made
    e0, e1 = tmp_path / "e0.txt", tmp_path / "e1.txt"
    preview(auger_bin, aug, src, e0, "--n", 8)
    preview(auger_bin, aug, src, e1, "--n", 8, "--epoch", 1)
    assert e0.read_text() != e1.read_text()


def test_several_text_fields_are_labelled_and_aligned(auger_bin, tmp_path):
    aug = tmp_path / "two.aug"
    aug.write_text("sample S { title: text(en)  body: text(en) }\n"
                   "policy p on S { random_swap(n: 1, on: title)  token_dropout(p: 0.3, on: body) }\n")
    manifest = tmp_path / "two.jsonl"
    manifest.write_text(json.dumps({"key": "x", "title": PROSE[0], "body": PROSE[1]}) + "\n")
    r = preview(auger_bin, aug, manifest, "-")
    lines = [l for l in r.stdout.split("\n") if re.match(r"  (before|after|ops)", l)]
    assert [l.split(":")[0].strip() for l in lines] == ["before body", "after body", "before title", "after title",
                                                        "ops"]
    starts = {len(l) - len(l[l.index(":") + 1:].lstrip(" ")) for l in lines}
    assert len(starts) == 1  # every text starts in one column
    out = tmp_path / "two.html"
    preview(auger_bin, aug, manifest, out)
    page = out.read_text()
    assert '<span class="name">title:</span>' in page and '<span class="name">body:</span>' in page


def test_o_that_is_the_input_is_refused_before_anything_is_written(auger_bin, tmp_path):
    aug = policy(tmp_path, "token_dropout(p: 0.5)")
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(PROSE[0] + "\n" + PROSE[1] + "\n")
    before = corpus.read_bytes()
    (tmp_path / "link.txt").symlink_to(corpus)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(before)
    cases = [(corpus, corpus, "is the input"), (corpus, tmp_path / "link.txt", "is the input"),
             (corpus, aug, "is the policy file"), (folder, folder / "a.txt", "inside the input folder")]
    for src, out, why in cases:
        r = preview(auger_bin, aug, src, out, expect=2)
        assert why in r.stderr
    assert corpus.read_bytes() == before and (folder / "a.txt").read_bytes() == before
    assert aug.read_text().startswith(SCHEMA)
    preview(auger_bin, aug, corpus, tmp_path / "new.txt")  # a new file is written as before
