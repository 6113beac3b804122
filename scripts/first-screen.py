#!/usr/bin/env python3
"""Time to the first screen of a paper: gloss beside `less`, in one run.

    scripts/first-screen.py [--runs N] [--gloss PATH] PAPER...

Each command runs in a pseudo-terminal of 120x40 (the terminal's answer to
the queries gloss makes at start is sent at once). Its first screen is the
end of its first burst of output followed by 20 ms of quiet: gloss draws its
first screen before a paper's actors and sources are found, and draws again
when they are (40 ms later or more). The two commands are run alternately,
N times each (9 unless given); the medians and their ratio are printed.
"""

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import termios
import time

QUIET = 0.020


def first_screen(argv):
    """Milliseconds from start to the end of the first burst of output."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = os.environ.get("TERM", "xterm-256color")
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    last = None
    while True:
        ready, _, _ = select.select([fd], [], [], QUIET if last else 5.0)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        last = time.perf_counter()
        # The primary device attributes: what every terminal answers.
        if b"\x1b[c" in data:
            os.write(fd, b"\x1b[?62;22c")
    os.write(fd, b"q")
    deadline = time.time() + 3
    while time.time() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        if select.select([fd], [], [], 0.05)[0]:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return (last - start) * 1000 if last else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--gloss", default="target/release/gloss")
    parser.add_argument("papers", nargs="+")
    args = parser.parse_args()
    env_dir = "/tmp/gloss-first-screen"
    for kind in ("CACHE", "CONFIG", "DATA", "STATE"):
        os.environ[f"XDG_{kind}_HOME"] = f"{env_dir}/{kind.lower()}"
    for paper in args.papers:
        times = {"gloss": [], "less": []}
        for _ in range(args.runs):
            times["gloss"].append(first_screen([args.gloss, paper]))
            times["less"].append(first_screen(["less", paper]))
        gloss = statistics.median(times["gloss"])
        less = statistics.median(times["less"])
        print(
            f"{os.path.basename(paper)}: gloss {gloss:.1f} ms, less {less:.1f} ms, "
            f"{gloss / less:.2f}x (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
