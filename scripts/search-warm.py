#!/usr/bin/env python3
"""A warm `gloss search` over a library of N papers, beside `ls -l` of its folder.

    scripts/search-warm.py [--papers N] [--runs R] [--gloss PATH]

Makes N small papers (300 words of the shipped papers each, and a word of
its own) in a temporary folder, indexes them with one search, then runs
`gloss search` for one paper's own word and `ls -l` of the folder
alternately, R times each (11 unless given), and prints the medians and
their ratio. A warm search checks every paper's size and time against the
index before it asks it, as `ls -l` reads every file's: the floor of a
search that answers for the papers as they are now.
"""

import argparse
import os
import random
import statistics
import subprocess
import tempfile
import time


def make_library(folder, papers):
    here = os.path.dirname(os.path.abspath(__file__))
    texts = os.path.join(here, "..", "texts")
    words = []
    for name in sorted(os.listdir(texts)):
        with open(os.path.join(texts, name), encoding="utf-8") as f:
            words.extend(f.read().split())
    rng = random.Random(1)
    for i in range(papers):
        start = rng.randrange(0, len(words) - 400)
        body = " ".join(words[start : start + 300])
        with open(os.path.join(folder, f"paper-{i:05}.txt"), "w", encoding="utf-8") as f:
            f.write(f"Paper number {i}\n\nAuthor {i}\n\n## Introduction\n\n{body} own{i}word.\n")


def milliseconds(argv, env):
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--gloss", default="target/release/gloss")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = os.path.join(work, "library")
        os.mkdir(folder)
        make_library(folder, args.papers)
        env = dict(os.environ)
        for kind in ("CACHE", "CONFIG", "DATA", "STATE"):
            env[f"XDG_{kind}_HOME"] = os.path.join(work, kind.lower())
        search = [args.gloss, "search", f"own{args.papers // 2}word", folder]
        print(f"indexing {args.papers} papers…", flush=True)
        milliseconds(search, env)
        times = {"search": [], "ls": []}
        for _ in range(args.runs):
            times["search"].append(milliseconds(search, env))
            times["ls"].append(milliseconds(["ls", "-l", folder], env))
        gloss = statistics.median(times["search"])
        ls = statistics.median(times["ls"])
        print(
            f"{args.papers} papers: gloss search {gloss:.1f} ms, ls -l {ls:.1f} ms, "
            f"{gloss / ls:.2f}x (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
