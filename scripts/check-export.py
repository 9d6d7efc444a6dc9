#!/usr/bin/env python3
"""Checks an export of `kge4j export` with NumPy, independently of kge4j's own code.

    python3 scripts/check-export.py NPY_DIR [--tsv TSV_DIR] [--dump]

NPY_DIR holds entity_embeddings.npy, relation_embeddings.npy, entity_to_id.tsv.gz and
relation_to_id.tsv.gz (`kge4j export RUN --format npy --output NPY_DIR`). The script loads each
table with numpy.load and checks: dtype float32 little-endian, C order, two dimensions, one row per
id of the mapping file, ids 0..n-1 in order under the header "id<TAB>label", all values finite.
With --tsv it also compares the tables with the .tsv export of the same model (`--format tsv`),
value for value. With --dump it prints the tables as JSON ({"entity": [[...], ...], "relation":
...}, each float32 written as the double it equals), for a program to compare with the
checkpoint; otherwise it prints one line per table. Needs python3-numpy; exits 1 on any mismatch.
"""
import argparse
import csv
import gzip
import json
import os
import sys

import numpy as np


def fail(message):
    print("check-export: " + message, file=sys.stderr)
    sys.exit(1)


def mapping(path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != ["id", "label"]:
        fail("%s: the header must be id<TAB>label, got %r" % (path, rows[:1]))
    ids = [int(row[0]) for row in rows[1:]]
    if ids != list(range(len(ids))):
        fail("%s: ids must be 0..%d in order" % (path, len(ids) - 1))
    return [row[1] for row in rows[1:]]


def table(directory, kind):
    path = os.path.join(directory, kind + "_embeddings.npy")
    values = np.load(path, allow_pickle=False)
    if values.dtype != np.dtype("<f4"):
        fail("%s: dtype must be little-endian float32, got %s" % (path, values.dtype))
    if values.ndim != 2 or not values.flags["C_CONTIGUOUS"]:
        fail("%s: must be a 2-d C-order array, got shape %s" % (path, values.shape))
    labels = mapping(os.path.join(directory, kind + "_to_id.tsv.gz"))
    if values.shape[0] != len(labels):
        fail("%s: %d rows but %d %s labels" % (path, values.shape[0], len(labels), kind))
    if not np.isfinite(values).all():
        fail("%s: holds non-finite values" % path)
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("npy_dir")
    parser.add_argument("--tsv", metavar="TSV_DIR", help="compare with a --format tsv export")
    parser.add_argument("--dump", action="store_true", help="print the tables as JSON")
    args = parser.parse_args()
    tables = {kind: table(args.npy_dir, kind) for kind in ("entity", "relation")}
    for kind, values in tables.items():
        if args.tsv:
            path = os.path.join(args.tsv, kind + "_embeddings.tsv")
            text = np.loadtxt(path, dtype=np.float32, delimiter="\t", ndmin=2)
            if text.shape != values.shape or not np.array_equal(text, values):
                fail("%s differs from %s_embeddings.npy" % (path, kind))
        if not args.dump:
            print("%s_embeddings.npy: %d x %d float32 OK%s" % (
                kind, values.shape[0], values.shape[1], ", equals the .tsv" if args.tsv else ""))
    if args.dump:
        json.dump({kind: values.astype(np.float64).tolist() for kind, values in tables.items()},
                  sys.stdout)
        print()


if __name__ == "__main__":
    main()
