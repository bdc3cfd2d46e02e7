"""The layout of a batch output directory, written so that a killed run can be resumed.

::

    OUT/articles/<shard>.parquet     one row per article
    OUT/statements/<shard>.parquet   one row per statement
    OUT/entities/<shard>.parquet     one row per entity
    OUT/errors/<shard>.jsonl         one line per bad record: where, record, reason
    OUT/_done/<shard>.json           the completion marker, written last, with counts
    OUT/_tmp/                        files being written

Every file is written under ``_tmp`` and then renamed into place, and the marker comes
last: a shard is finished exactly when its marker exists. A shard killed half-way has
no marker and is redone (its files overwritten) on the next run. Readers should read
the shards that have markers (:func:`finished`), as ``claimgraph load`` does.

``OUT`` may be an fsspec URL; the rename is atomic on local and POSIX file systems.
"""

from __future__ import annotations

import errno
import io
import json
import uuid
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("articles", "statements", "entities")
#: Written beside TABLES since claims are prepared on the workers; older output lacks it.
CLAIMS_TABLE = "claims"
DONE = "_done"
TMP = "_tmp"


#: errno values of a full disk (or a full quota): the run stops, keeping what it wrote.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


@dataclass(frozen=True)
class OutputDir:
    url: str

    @property
    def fs(self) -> Any:
        from fsspec.core import url_to_fs

        return url_to_fs(self.url)[0]

    @property
    def root(self) -> str:
        from fsspec.core import url_to_fs

        return str(url_to_fs(self.url)[1]).rstrip("/")

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def table_path(self, table: str, shard_id: str) -> str:
        return self.path(table, f"{shard_id}.parquet")

    def errors_path(self, shard_id: str) -> str:
        return self.path("errors", f"{shard_id}.jsonl")

    def marker_path(self, shard_id: str) -> str:
        return self.path(DONE, f"{shard_id}.json")

    def prepare(self) -> None:
        fs = self.fs
        for d in (*TABLES, CLAIMS_TABLE, "errors", DONE, TMP):
            fs.makedirs(self.path(d), exist_ok=True)

    def _put(self, data: bytes, final: str) -> None:
        """Write ``data`` to a temporary file, then rename it to ``final``."""
        fs = self.fs
        tmp = self.path(TMP, f"{uuid.uuid4().hex}-{final.rsplit('/', 1)[-1]}")
        with fs.open(tmp, "wb") as f:
            f.write(data)
        fs.mv(tmp, final)

    def write_table(self, table: str, shard_id: str, data: pa.Table) -> None:
        buf = io.BytesIO()
        pq.write_table(data, buf, compression="zstd")
        self._put(buf.getvalue(), self.table_path(table, shard_id))

    def write_errors(self, shard_id: str, errors: list[dict[str, Any]]) -> None:
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
        self._put(text.encode("utf-8"), self.errors_path(shard_id))

    def write_marker(self, shard_id: str, report: dict[str, Any]) -> None:
        self._put(json.dumps(report, indent=1).encode("utf-8"), self.marker_path(shard_id))

    def is_done(self, shard_id: str) -> bool:
        return bool(self.fs.exists(self.marker_path(shard_id)))

    def finished(self) -> dict[str, dict[str, Any]]:
        """The reports of every finished shard, by shard id."""
        fs = self.fs
        done = self.path(DONE)
        if not fs.exists(done):
            return {}
        out = {}
        for p in sorted(fs.ls(done, detail=False)):
            if p.endswith(".json"):
                with fs.open(p, "rb") as f:
                    out[p.rsplit("/", 1)[-1][: -len(".json")]] = json.loads(f.read())
        return out

    def has_table(self, table: str, shard_id: str) -> bool:
        return bool(self.fs.exists(self.table_path(table, shard_id)))

    def read_table(self, table: str, shard_id: str) -> pa.Table:
        with self.fs.open(self.table_path(table, shard_id), "rb") as f:
            return pq.read_table(f)

    def read_errors(self, shard_id: str) -> list[dict[str, Any]]:
        with self.fs.open(self.errors_path(shard_id), "rb") as f:
            return [json.loads(line) for line in f.read().decode("utf-8").splitlines() if line]
