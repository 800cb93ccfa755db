#!/usr/bin/env python3
"""Build step: WordNet 3.0's lookup tables as one compact blob, linked into auger (runtime/text/wordnet_blob.*).

Reads the database files Debian's wordnet-base installs (index.POS, data.POS, POS.exc) and writes what
runtime/text/wordnet.cpp's file reader computes on each first lookup: per part of speech, every lemma with the
lower-cased names of all its synsets, and the exception lists, hashed for one-probe lookups. With it, a process
looks a word up without opening, scanning or hashing WordNet's 28 MB of files. Without the files (wordnet-base
not installed at build time) it writes an empty blob and auger reads the files at run time, as before.

Layout (little-endian):
  uint32 words: magic "AWN4", dir_len, records_len, the slot counts of the lemma table and of the four exception
  tables (noun, verb, adj, adv); then the tables' slots in that order, two words per slot: its record's offset + 1
  (0: empty) and the top 32 bits of its key's hash; then the records, bytes:
    a lemma's: key length (1 byte), the key, a mask of the parts of speech it is a lemma of (1 byte, bit 0 noun …
    bit 3 adverb), then for each of them in that order its sorted synset names as a list;
    an exception's: key length, the key, its base forms in the list's order as a list;
  a list is its number of strings (2 bytes), each string as its length (1 byte) and bytes;
  then the source folder's path (dir_len bytes).
A key sits at FNV-1a-64(key) & (slots - 1), linear probing. A lookup reads one slot or a few (a miss is told from
the slots' hash bits alone) and one record, where the key and its strings lie together; one table for the four
parts of speech, so that morphy's four lookups of a form read the same slot and record.

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


def strings_list(strings):
    assert len(strings) < 65536 and all(len(x) < 256 for x in strings)
    return b"".join([struct.pack("<H", len(strings))] + [bytes([len(x)]) + x for x in strings])


def exception_record(key, forms):
    assert len(key) < 256
    return bytes([len(key)]) + key + strings_list(forms)


def lemma_record(key, names_by_pos):
    """`names_by_pos`: {part of speech index: sorted names}."""
    assert len(key) < 256
    mask = sum(1 << p for p in names_by_pos)
    return b"".join([bytes([len(key), *key, mask])] + [strings_list(names_by_pos[p]) for p in sorted(names_by_pos)])


def table(entries, records):
    """Hash slots for `entries` (key, record), twice their number or more, flattened to words (record offset + 1,
    hash >> 32); their records appended to `records`."""
    size = 16
    while size < 2 * len(entries):
        size <<= 1
    slots = [0] * (2 * size)
    for key, rec in entries:
        full = fnv1a(key)
        h = full & (size - 1)
        while slots[2 * h]:
            h = (h + 1) & (size - 1)
        slots[2 * h], slots[2 * h + 1] = len(records) + 1, full >> 32
        records += rec
    return slots


def build(wn):
    """The lemma table's slots, the four exception tables' slots, and the records."""
    records, lemmas, exc_tables = bytearray(), {}, []
    for p, pos in enumerate(POS):
        data = open(os.path.join(wn, f"data.{pos}"), "rb").read()
        for line in lines(os.path.join(wn, f"index.{pos}")):
            f = fields(line)
            count = int(f[2])
            names = []
            for off in f[len(f) - min(count, len(f)):]:
                names += synset_names(data, int(off))
            lemmas.setdefault(line.split(b" ")[0], {}).setdefault(p, sorted(set(names)))
    lemma_slots = table([(k, lemma_record(k, v)) for k, v in lemmas.items()], records)
    for pos in POS:
        exc = {}
        for line in lines(os.path.join(wn, f"{pos}.exc")):
            f = fields(line)
            if len(f) >= 2:
                exc.setdefault(f[0], []).extend(f[1:])
        exc_tables.append(table([(k, exception_record(k, v)) for k, v in exc.items()], records))
    return lemma_slots, exc_tables, records


def write(out, wn, lemma_slots, exc_tables, records):
    u32 = lambda xs: struct.pack(f"<{len(xs)}I", *xs)
    path = os.path.abspath(wn).encode()
    tables = [lemma_slots] + exc_tables
    head = [int.from_bytes(b"AWN4", "little"), len(path), len(records)] + [len(t) // 2 for t in tables]
    out.write(b"".join([u32(head)] + [u32(t) for t in tables] + [bytes(records), path]))


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
