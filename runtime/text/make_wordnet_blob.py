#!/usr/bin/env python3
"""Build step: WordNet 3.0's lookup tables as one compact blob, linked into auger (runtime/text/wordnet_blob.*).

Reads the database files Debian's wordnet-base installs (index.POS, data.POS, POS.exc) and writes what
runtime/text/wordnet.cpp's file reader computes on each first lookup: per part of speech, every lemma with the
lower-cased names of all its synsets, and the exception lists, hashed for one-probe lookups. With it, a process
looks a word up without opening, scanning or hashing WordNet's 28 MB of files. Without the files (wordnet-base
not installed at build time) it writes an empty blob and auger reads the files at run time, as before.

Layout (little-endian):
  uint32 words: magic "AWN3", dir_len, records_len, then for each part of speech (noun, verb, adj, adv) the slot
  counts of its two tables, lemmas and exceptions; then each table's slots (noun lemmas, noun exceptions, verb
  lemmas, …), two words per slot: its record's offset + 1 (0: empty) and the top 32 bits of its key's hash;
  then the records, bytes: key length (1 byte), the key, the number of strings (2 bytes), each string as its length
  (1 byte) and bytes — a lemma's sorted synset names, or an exception's base forms in the list's order;
  then the source folder's path (dir_len bytes).
A key sits at FNV-1a-64(key) & (slots - 1), linear probing. A lookup reads one slot or a few (a miss is told from
the slots' hash bits alone) and one record, where the key and its strings lie together.

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


def record(key, strings):
    assert len(key) < 256 and len(strings) < 65536 and all(len(x) < 256 for x in strings)
    return b"".join([bytes([len(key)]), key, struct.pack("<H", len(strings))] +
                    [bytes([len(x)]) + x for x in strings])


def table(entries, records):
    """Hash slots for `entries` (key, strings), twice their number or more, flattened to words (record offset + 1,
    hash >> 32); their records appended to `records`."""
    size = 16
    while size < 2 * len(entries):
        size <<= 1
    slots = [0] * (2 * size)
    for key, strings in entries:
        full = fnv1a(key)
        h = full & (size - 1)
        while slots[2 * h]:
            h = (h + 1) & (size - 1)
        slots[2 * h], slots[2 * h + 1] = len(records) + 1, full >> 32
        records += record(key, strings)
    return slots


def build(wn):
    """Each part of speech's (lemma slots, exception slots), and the records."""
    records, tables = bytearray(), []
    for pos in POS:
        data = open(os.path.join(wn, f"data.{pos}"), "rb").read()
        lemmas = []
        for line in lines(os.path.join(wn, f"index.{pos}")):
            f = fields(line)
            count = int(f[2])
            names = []
            for off in f[len(f) - min(count, len(f)):]:
                names += synset_names(data, int(off))
            lemmas.append((line.split(b" ")[0], sorted(set(names))))
        exc = {}
        for line in lines(os.path.join(wn, f"{pos}.exc")):
            f = fields(line)
            if len(f) >= 2:
                exc.setdefault(f[0], []).extend(f[1:])
        tables.append((table(lemmas, records), table(list(exc.items()), records)))
    return tables, records


def write(out, wn, tables, records):
    u32 = lambda xs: struct.pack(f"<{len(xs)}I", *xs)
    path = os.path.abspath(wn).encode()
    head = [int.from_bytes(b"AWN3", "little"), len(path), len(records)]
    for lemma_slots, exc_slots in tables:
        head += [len(lemma_slots) // 2, len(exc_slots) // 2]
    out.write(b"".join([u32(head)] + [u32(s) for t in tables for s in t] + [bytes(records), path]))


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
