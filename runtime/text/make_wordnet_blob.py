#!/usr/bin/env python3
"""Build step: WordNet 3.0's lookup tables as one compact blob, linked into auger (runtime/text/wordnet_blob.*).

Reads the database files Debian's wordnet-base installs (index.POS, data.POS, POS.exc) and writes what
runtime/text/wordnet.cpp's file reader computes on each first lookup: per part of speech, every lemma with the
lower-cased names of all its synsets, and the exception lists, hashed for one-probe lookups. With it, a process
looks a word up without opening, scanning or hashing WordNet's 28 MB of files. Without the files (wordnet-base
not installed at build time) it writes an empty blob and auger reads the files at run time, as before.

Layout (little-endian uint32 words; docs/text.md "WordNet"):
  magic "AWN2", dir_len, then for each part of speech (noun, verb, adj, adv) 4 counts:
  lemmas, lemma_slots, exceptions, exception_slots; then strings, refs, pool_len;
  string_offsets[strings + 1]       into the pool
  refs[refs]                        string ids (a lemma's names; an exception's base forms)
  per part of speech: lemma_string[lemmas], lemma_refs[lemmas + 1], lemma_slots[2 * lemma_slots],
                      exc_string[exceptions], exc_refs[exceptions + 1], exc_slots[2 * exception_slots]
  pool bytes, then the source folder's path (dir_len bytes).
A slot is two words: an entry's index + 1 (0: empty) and the top 32 bits of its key's FNV-1a-64 hash (a miss is
told from the slots alone, without reading any key), at FNV-1a-64(key) & (slots - 1), linear probing.

Usage: make_wordnet_blob.py WORDNET_DIR OUT.blob
"""
import os
import struct
import sys

POS = ("noun", "verb", "adj", "adv")
MASK64 = (1 << 64) - 1


def fnv1a(key):
    h = 1469598103934665603
    for c in key:
        h = ((h ^ c) * 1099511628211) & MASK64
    return h


def lower_ascii(b):
    return b.translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz"))


def fields(line):
    return [f for f in line.split(b" ") if f]


def lines(path):
    """The lines of a database file without the licence (its lines start with spaces)."""
    with open(path, "rb") as f:
        for line in f.read().split(b"\n"):
            if line and not line.startswith(b" "):
                yield line


def synset_names(data, offset):
    """The lower-cased lemma names of the synset at byte `offset` of data.POS (its adjective markers cut)."""
    end = data.find(b"\n", offset)
    f = fields(data[offset:end if end >= 0 else len(data)])
    count = int(f[3], 16)
    return [lower_ascii(f[4 + 2 * i].split(b"(")[0]) for i in range(count) if 4 + 2 * i < len(f)]


def table(keys):
    """Hash slots for `keys`, twice their number or more, flattened to words: (entry index + 1, hash >> 32) each."""
    size = 16
    while size < 2 * len(keys):
        size <<= 1
    slots = [0] * (2 * size)
    for i, k in enumerate(keys):
        full = fnv1a(k)
        h = full & (size - 1)
        while slots[2 * h]:
            h = (h + 1) & (size - 1)
        slots[2 * h], slots[2 * h + 1] = i + 1, full >> 32
    return slots


class Strings:
    def __init__(self):
        self.ids, self.pool, self.offsets = {}, bytearray(), [0]

    def id(self, s):
        if s not in self.ids:
            self.ids[s] = len(self.offsets) - 1
            self.pool += s
            self.offsets.append(len(self.pool))
        return self.ids[s]


def build(wn):
    strings, refs, parts = Strings(), [], []
    for pos in POS:
        data = open(os.path.join(wn, f"data.{pos}"), "rb").read()
        lemmas, lemma_refs = [], [len(refs)]
        for line in lines(os.path.join(wn, f"index.{pos}")):
            f = fields(line)
            count = int(f[2])
            names = []
            for off in f[len(f) - min(count, len(f)):]:
                names += synset_names(data, int(off))
            lemmas.append(line.split(b" ")[0])
            refs += [strings.id(n) for n in sorted(set(names))]
            lemma_refs.append(len(refs))
        exc = {}
        for line in lines(os.path.join(wn, f"{pos}.exc")):
            f = fields(line)
            if len(f) >= 2:
                exc.setdefault(f[0], []).extend(f[1:])
        exc_words, exc_refs = list(exc), [len(refs)]
        for w in exc_words:
            refs += [strings.id(b) for b in exc[w]]
            exc_refs.append(len(refs))
        parts.append(([strings.id(l) for l in lemmas], lemma_refs, table(lemmas),
                      [strings.id(w) for w in exc_words], exc_refs, table(exc_words)))
    return strings, refs, parts


def write(out, wn, strings, refs, parts):
    u32 = lambda xs: struct.pack(f"<{len(xs)}I", *xs)
    path = os.path.abspath(wn).encode()
    head = [int.from_bytes(b"AWN2", "little"), len(path)]
    for lem, _, slots, exc, _, exc_slots in parts:
        head += [len(lem), len(slots) // 2, len(exc), len(exc_slots) // 2]
    head += [len(strings.offsets) - 1, len(refs), len(strings.pool)]
    body = [u32(head), u32(strings.offsets), u32(refs)]
    for part in parts:
        body += [u32(xs) for xs in part]
    body += [bytes(strings.pool), path]
    out.write(b"".join(body))


def main():
    wn, out = sys.argv[1], sys.argv[2]
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        if all(os.path.exists(os.path.join(wn, f"{k}.{p}")) for p in POS for k in ("index", "data")) and \
                all(os.path.exists(os.path.join(wn, f"{p}.exc")) for p in POS):
            write(f, wn, *build(wn))
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
