#!/usr/bin/env python3
"""Headings compared exactly, on a corpus with a gold.json (the scorer's format).

    scripts/headings-exact.py [--gloss PATH] CORPUS...

The scorer (`../shared/corpus/score`) counts a heading found when either
title holds the other, and does not count headings that are none. This
counts gold headings whose title (letters and digits, lowercase) is exactly
a section's or the paper's title, and lists, per document, sections that
are no gold heading.
"""

import argparse
import json
import os
import re
import subprocess


def key(text):
    return re.sub(r"[^0-9a-z]", "", (text or "").lower())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gloss", default="target/release/gloss")
    parser.add_argument("corpora", nargs="+")
    args = parser.parse_args()
    found = total = 0
    extra_documents = 0
    for corpus in args.corpora:
        with open(os.path.join(corpus, "gold.json"), encoding="utf-8") as f:
            gold = json.load(f)
        for name, truth in gold.items():
            out = subprocess.run(
                [args.gloss, "dump", os.path.join(corpus, name), "--format", "json"],
                capture_output=True,
                text=True,
                check=True,
            )
            doc = json.loads(out.stdout)
            titles = [key(s["title"]) for s in doc["sections"]] + [key(doc.get("title"))]
            wanted = [key(title) for _, title in truth.get("headings", [])]
            for title in wanted:
                total += 1
                found += title in titles
            extra = [s["title"] for s in doc["sections"] if key(s["title"]) not in wanted]
            if extra:
                extra_documents += 1
                print(f"{name}: not headings: {', '.join(t[:40] for t in extra[:3])}")
    print(f"headings found exactly: {found} of {total}; documents with others: {extra_documents}")


if __name__ == "__main__":
    main()
