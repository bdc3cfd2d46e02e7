"""Resource limits, measured: a 1 GB JSON Lines file read with flat memory, a gzip WARC
record that inflates to gigabytes refused at the cap, HTML nested 100,000 deep.

    .venv/bin/python bench/bench_limits.py [--gb 1.0] [--bomb-gb 4] [--dir /tmp]

Each measurement runs in a child process so its peak RSS (ru_maxrss) is its own; the
baseline is a child that only imports the readers. Files are generated in --dir and
deleted afterwards. Prints one line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

CHILD = r"""
import resource, sys, time, json
from claimgraph.ingest.sources import read_sources
from claimgraph.errors import InputError
mode, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
n = bad = 0
first = None
if mode != "baseline":
    for rec in read_sources([path]):
        if first is None:
            first = time.perf_counter() - t
        if isinstance(rec, InputError):
            bad += 1
            last_error = rec.message
        else:
            n += 1
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out = {"records": n, "errors": bad, "seconds": time.perf_counter() - t,
       "first_record_s": first, "peak_rss_mb": rss}
if bad:
    out["error"] = last_error[:160]
print(json.dumps(out))
"""


def child(mode: str, path: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, path], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_jsonl(path: Path, gb: float) -> int:
    target = int(gb * 1e9)
    para = (
        '"The dam is leaking," said Marta Velasco, a spokeswoman for the water board. '
        "The council denied that the reservoir was unsafe, and inspectors will return. "
    )
    size = n = 0
    with path.open("w", encoding="utf-8") as f:
        while size < target:
            rec = {"text": f"Story {n}. " + para * 8, "title": f"Story {n}", "id": n}
            line = json.dumps(rec) + "\n"
            f.write(line)
            size += len(line)
            n += 1
    return n


def make_bomb(path: Path, gb: float) -> int:
    """A .warc.gz whose one HTML response inflates to ``gb`` GB. Built from one
    deflate block repeated (a full flush resets the window, so the block's bytes repeat)."""
    chunk = b"<p>aaaa</p>" * 95_325  # about 1 MB
    reps = int(gb * 1e9) // len(chunk)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
        b"WARC-Date: 2026-03-01T00:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000002>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http) + reps * len(chunk)).encode() + b"\r\n\r\n"
    )
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head + http) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "the repeated block is not stable"
    end = c.compress(b"\r\n\r\n") + c.flush()
    crc = zlib.crc32(head + http)
    for _ in range(reps):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(b"\r\n\r\n", crc)
    total = len(head) + len(http) + reps * len(chunk) + 4
    with path.open("wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
        f.write(start)
        for _ in range(reps):
            f.write(block)
        f.write(end)
        f.write(crc.to_bytes(4, "little") + (total & 0xFFFFFFFF).to_bytes(4, "little"))
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=1.0, help="size of the JSON Lines file")
    ap.add_argument("--bomb-gb", type=float, default=4.0, help="inflated size of the WARC bomb")
    ap.add_argument("--dir", default=tempfile.gettempdir())
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cg-limits-", dir=args.dir))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    try:
        base = child("baseline", "")
        print(f"baseline (imports only): peak RSS {base['peak_rss_mb']:.0f} MB")

        jl = work / "big.jsonl"
        t = time.perf_counter()
        n = make_jsonl(jl, args.gb)
        size = jl.stat().st_size
        took = time.perf_counter() - t
        print(f"generated {jl.name}: {size / 1e9:.2f} GB, {n:,} records in {took:.0f} s")
        r = child("read", str(jl))
        print(
            f"JSON Lines {size / 1e9:.2f} GB: {r['records']:,} articles read in "
            f"{r['seconds']:.0f} s ({size / 1e6 / float(r['seconds']):.0f} MB/s), "
            f"first after {r['first_record_s']:.3f} s, "
            f"peak RSS {r['peak_rss_mb']:.0f} MB (baseline {base['peak_rss_mb']:.0f} MB)"
        )
        jl.unlink()

        bomb = work / "bomb.warc.gz"
        total = make_bomb(bomb, args.bomb_gb)
        r = child("read", str(bomb))
        print(
            f"WARC gzip bomb: {bomb.stat().st_size / 1e6:.1f} MB on disk inflating to "
            f"{total / 1e9:.1f} GB: refused after {r['seconds']:.2f} s, peak RSS "
            f"{r['peak_rss_mb']:.0f} MB, {r['records']} articles, {r['errors']} error: "
            f"{r.get('error')}"
        )
        bomb.unlink()

        for tag in ("div", "b", "p", "table", "span"):
            page = work / f"deep-{tag}.html"
            words = "The council said on Monday that the dam was safe and would stay open. " * 10
            nest = (f"<{tag}>" * 100_000, f"</{tag}>" * 100_000)
            page.write_text(f"<html><body>{nest[0]}<p>{words}</p>{nest[1]}</body></html>")
            r = child("read", str(page))
            what = "text" if r["records"] else f"error: {r.get('error')}"
            print(
                f"HTML nested 100,000 deep in <{tag}>: {what} in {r['seconds']:.1f} s, "
                f"peak RSS {r['peak_rss_mb']:.0f} MB"
            )
            page.unlink()
    finally:
        for p in work.iterdir():
            p.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
