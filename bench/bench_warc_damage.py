"""One damaged byte in a WARC record's header: how many good records survive.

    .venv/bin/python bench/bench_warc_damage.py [--records 20] [--damaged 5]

Writes an archive of ``--records`` HTML responses (plain, then gzip with one member per
record, as warcio writes them), then for every byte of record ``--damaged``'s WARC
header (plain) or of the first 60 bytes of its gzip member, flips one bit (XOR 0x20)
and reads the archive with ``claimgraph.ingest.warc.read_warc``. Prints how often each
outcome came up, as (articles, errors): (N, 0) means the damage was harmless, (N-1, 1)
that the damaged record was one bad record and every other one was read; anything else
lost good records. The ``fuzz/`` WARC target explores the same reader at random.
"""

from __future__ import annotations

import argparse
import io
import time
from collections import Counter

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.ingest.warc import read_warc
from claimgraph.model import Article

TEXT = "The harbour master said the quay would reopen in June, after the storm repairs."


def archive(gz: bool, n: int) -> tuple[bytes, list[int]]:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    starts = []
    for i in range(n):
        starts.append(buf.tell())
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        page = f"<html><body><p>Story {i}. {TEXT}</p></body></html>".encode()
        rec = w.create_warc_record(
            f"http://example.org/{i}", "response", payload=io.BytesIO(page), http_headers=http
        )
        w.write_record(rec)
    return buf.getvalue(), starts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20)
    ap.add_argument("--damaged", type=int, default=5, help="which record (from 1)")
    args = ap.parse_args()
    for gz in (False, True):
        data, starts = archive(gz, args.records)
        start = starts[args.damaged - 1]
        end = start + 60 if gz else data.index(b"\r\n\r\n", start)
        outcomes: Counter[tuple[int, int]] = Counter()
        t = time.perf_counter()
        for pos in range(start, end):
            bad = bytearray(data)
            bad[pos] ^= 0x20
            out = list(read_warc(io.BytesIO(bytes(bad)), where="x.warc"))
            good = sum(isinstance(x, Article) for x in out)
            outcomes[(good, len(out) - good)] += 1
        kind = "gzip, the member's first 60 bytes" if gz else "plain, the header's bytes"
        print(
            f"{kind}: {end - start} damaged positions, outcomes (articles, errors): "
            f"{dict(sorted(outcomes.items(), reverse=True))} in {time.perf_counter() - t:.0f} s"
        )


if __name__ == "__main__":
    main()
