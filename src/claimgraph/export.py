"""Exports from a store: statements as JSON Lines, JSON, CSV or Parquet (with character
offsets into each article's text), one article's statements as W3C Web Annotations, a
GraphML graph of speakers and claims (stance on the edges; Gephi and networkx open it),
a claim as schema.org ClaimReview JSON-LD.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from .model import Analysis, SpeakerType, Statement
from .store import ClaimRating, ClaimView, StatementRecord, Store

OFFSET_FIELDS = (
    "content_start", "content_end", "speaker_start", "speaker_end", "cue_start", "cue_end",
)  # fmt: skip
CSV_FIELDS = (
    "key", "article", "date", "outlet", "title", "speaker", "speaker_id", "mention", "cue",
    "kind", "stance", "own_stance", "claim", "relay", "confidence", "content", *OFFSET_FIELDS,
)  # fmt: skip

_PAGE = 5000


def all_statements(store: Store) -> Iterator[StatementRecord]:
    """Every stored statement, oldest first, read page by page."""
    offset = 0
    while True:
        page = store.statements(limit=_PAGE, offset=offset)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def offsets(statement: Statement) -> dict[str, int | None]:
    """Character offsets of a statement's content, speaker mention and cue in its
    article's text (end exclusive); None where the statement has no such span."""
    sp = statement.speaker.mention if statement.speaker else None
    cue = statement.cue
    return {
        "content_start": statement.content.start,
        "content_end": statement.content.end,
        "speaker_start": sp.start if sp else None,
        "speaker_end": sp.end if sp else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
    }


def statement_row(record: StatementRecord) -> dict[str, Any]:
    """One exported statement: the read API's fields and the offsets."""
    return {**record.to_dict(), **offsets(record.statement)}


def statements_jsonl(records: Iterable[StatementRecord], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(statement_row(r), ensure_ascii=False) + "\n")
        n += 1
    return n


def statements_json(records: Iterable[StatementRecord], out: IO[str]) -> int:
    """One JSON array, written as it is read (memory stays flat)."""
    n = 0
    out.write("[")
    for r in records:
        out.write(("\n " if n == 0 else ",\n ") + json.dumps(statement_row(r), ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


#: What a spreadsheet would run as a formula when a cell starts with it (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a
    leading apostrophe ("=HYPERLINK(...)" -> "'=HYPERLINK(...)")."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def statements_csv(records: Iterable[StatementRecord], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for r in records:
        d = statement_row(r)
        d["relay"] = " < ".join(d["relay"])
        w.writerow({k: csv_cell(v) for k, v in d.items()})
        n += 1
    return n


def statements_parquet(records: Iterable[StatementRecord], path: str, *, chunk: int = 5000) -> int:
    """A Parquet file with the CSV's columns (``relay`` a list of strings), written in
    row groups of ``chunk`` statements."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ints = {"speaker_id", *OFFSET_FIELDS}
    schema = pa.schema(
        [
            (f, pa.int64() if f in ints else pa.float64() if f == "confidence"
             else pa.list_(pa.string()) if f == "relay" else pa.string())
            for f in CSV_FIELDS
        ]
    )  # fmt: skip
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        rows: list[dict[str, Any]] = []
        for r in records:
            rows.append(statement_row(r))
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


_QUOTE_CONTEXT = 32


def web_annotations(analysis: Analysis, *, base_url: str | None = None) -> dict[str, Any]:
    """One article's statements as a W3C Web Annotation collection (JSON-LD).

    Each statement gives an annotation of its content (``describing``: who said it, the
    cue, kind and stance) and, when present, one of its speaker mention
    (``identifying``) and one of its cue (``tagging``). Every target has a
    TextPositionSelector (offsets into the stored text) and a TextQuoteSelector (the
    exact words with some context). The source is the stored article
    (``BASE/api/articles/ID`` with ``base_url``, else ``urn:claimgraph:article:ID``);
    the page it came from, when known, is the target's ``scope``.
    """
    a = analysis.article
    text = a.text
    base = base_url.rstrip("/") if base_url else None
    source = f"{base}/api/articles/{a.id}" if base else f"urn:claimgraph:article:{a.id}"

    def target(start: int, end: int) -> dict[str, Any]:
        t: dict[str, Any] = {
            "source": source,
            "selector": [
                {"type": "TextPositionSelector", "start": start, "end": end},
                {
                    "type": "TextQuoteSelector",
                    "exact": text[start:end],
                    "prefix": text[max(0, start - _QUOTE_CONTEXT) : start],
                    "suffix": text[end : end + _QUOTE_CONTEXT],
                },
            ],
        }
        if a.url:
            t["scope"] = a.url
        return t

    items: list[dict[str, Any]] = []
    for s in analysis.statements:
        who = (
            (s.speaker.name or (s.speaker.mention.text if s.speaker.mention else None))
            if (s.speaker)
            else None
        )
        said = f"{who or 'An unresolved speaker'}"
        said += f" ({s.cue.text})" if s.cue else ""
        said += f": {s.kind.value.replace('_', ' ')} statement, stance {s.stance.value}"
        if s.relay:
            said += f", through {' < '.join(s.relay)}"
        sid = f"{source}#{s.id}"
        items.append(
            {
                "id": sid,
                "type": "Annotation",
                "motivation": "describing",
                "body": [
                    {"type": "TextualBody", "purpose": "describing", "value": said,
                     "format": "text/plain", "language": "en"},
                    {"type": "TextualBody", "purpose": "tagging", "value": s.stance.value},
                    {"type": "TextualBody", "purpose": "tagging", "value": s.kind.value},
                ],
                "target": target(s.content.start, s.content.end),
            }
        )  # fmt: skip
        if s.speaker and s.speaker.mention:
            m = s.speaker.mention
            items.append(
                {
                    "id": f"{sid}-speaker",
                    "type": "Annotation",
                    "motivation": "identifying",
                    "body": {"type": "TextualBody", "purpose": "identifying",
                             "value": f"speaker of {s.id}: {who or m.text}"},
                    "target": target(m.start, m.end),
                }
            )  # fmt: skip
        if s.cue:
            items.append(
                {
                    "id": f"{sid}-cue",
                    "type": "Annotation",
                    "motivation": "tagging",
                    "body": {"type": "TextualBody", "purpose": "tagging",
                             "value": f"cue of {s.id}"},
                    "target": target(s.cue.start, s.cue.end),
                }
            )  # fmt: skip
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{source}#annotations",
        "type": "AnnotationCollection",
        "label": f"Attributed statements in {a.title or 'article ' + a.id}",
        "creator": {"type": "Software", "name": "claimgraph"},
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def graphml(store: Store, out: IO[str], *, max_claims: int = 100_000) -> tuple[int, int]:
    """Speakers and claims as nodes; one edge per (speaker, claim, stance) with the
    number of statements as its weight. Returns (nodes, edges)."""
    claims = store.claims(limit=max_claims, with_statements=True)
    speakers: dict[str, tuple[str, str]] = {}
    edges: dict[tuple[str, str, str], int] = {}
    for c in claims:
        for e in c.statements:
            rec = e.record
            name = rec.speaker or "(unknown)"
            sid = f"s{rec.entity_id}" if rec.entity_id is not None else f"n:{name}"
            speakers[sid] = (name, rec.speaker_type or "unresolved")
            k = (sid, f"c:{c.id}", e.stance.value)
            edges[k] = edges.get(k, 0) + 1 + len(e.reprinted_in)
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key, target, name, typ in (
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("stype", "node", "speaker_type", "string"),
        ("supporters", "node", "supporters", "int"),
        ("deniers", "node", "deniers", "int"),
        ("stance", "edge", "stance", "string"),
        ("weight", "edge", "weight", "double"),
    ):
        w(f'  <key id="{key}" for="{target}" attr.name="{name}" attr.type="{typ}"/>\n')
    w('  <graph id="claimgraph" edgedefault="directed">\n')
    for sid, (name, stype) in speakers.items():
        w(f"    <node id={quoteattr(xml_text(sid))}>")
        w(f"{_data('label', name)}{_data('kind', 'speaker')}")
        w(f"{_data('stype', stype)}</node>\n")
    for c in claims:
        w(f"    <node id={quoteattr(xml_text('c:' + c.id))}>{_data('label', c.text)}")
        w(f"{_data('kind', 'claim')}{_data('supporters', str(c.supporters))}")
        w(f"{_data('deniers', str(c.deniers))}</node>\n")
    for i, ((src, dst, stance), n) in enumerate(edges.items()):
        ends = f"source={quoteattr(xml_text(src))} target={quoteattr(xml_text(dst))}"
        w(f'    <edge id="e{i}" {ends}>')
        w(f"{_data('stance', stance)}{_data('weight', str(n))}</edge>\n")
    w("  </graph>\n</graphml>\n")
    return len(speakers) + len(claims), len(edges)


#: Characters XML 1.0 does not allow, even escaped: C0 controls but tab, newline and
#: carriage return; surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def _data(key: str, value: str) -> str:
    return f'<data key="{key}">{escape(xml_text(value))}</data>'


_SCHEMA_TYPE: dict[str, str] = {  # SpeakerType is a str: its values look it up
    SpeakerType.PERSON: "Person",
    SpeakerType.ORGANIZATION: "Organization",
    SpeakerType.PLACE: "Organization",  # "Britain said": the government
}


def _author(record: StatementRecord) -> dict[str, Any] | None:
    """Who made a statement as schema.org: a Person only for a person; groups,
    anonymous sources and documents are a Thing."""
    sp = record.statement.speaker
    name = record.speaker or (sp.mention.text if sp and sp.mention else None)
    if not name:
        return None
    # the stored entity's type, as every list shows it
    typ = _SCHEMA_TYPE.get(record.speaker_type or "", "Thing")
    out: dict[str, Any] = {"@type": typ, "name": name}
    if sp and sp.affiliation:
        out["affiliation"] = {"@type": "Organization", "name": sp.affiliation}
    return out


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def claim_review(
    view: ClaimView, *, rating: ClaimRating | None = None, base_url: str | None = None
) -> dict[str, Any]:
    """A claim as schema.org ClaimReview JSON-LD.

    Each appearance is the article a statement of the claim is in, with its url (the
    article's own, else the stored article under ``base_url``), headline, date,
    publisher and the statement's speaker as author. ``reviewRating`` is present only
    when a user rated the claim (``claimgraph review``): claimgraph reports who said
    what, it does not judge whether a claim is true.
    """
    base = base_url.rstrip("/") if base_url else None
    appearances = []
    for e in view.statements:
        a = e.record.article
        url = a.url or (f"{base}/articles/{a.id}" if base else None)
        appearances.append(
            _drop_none(
                {
                    "@type": "CreativeWork",
                    "url": url,
                    "headline": a.title,
                    "datePublished": a.published,
                    "publisher": {"@type": "Organization", "name": a.outlet} if a.outlet else None,
                    "author": _author(e.record),
                    "text": e.record.statement.content.text,
                    "position": e.stance.value,
                }
            )
        )
    first = view.statements[0].record if view.statements else None
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": view.id,
        "claimReviewed": view.text,
        "itemReviewed": _drop_none(
            {
                "@type": "Claim",
                "text": view.text,
                "firstAppearance": appearances[0] if appearances else None,
                "appearance": appearances,
                "author": _author(first) if first else None,
                "datePublished": view.first,
            }
        ),
    }
    if base:
        doc["url"] = f"{base}/claims/{view.id}"
    if rating is not None:
        doc["datePublished"] = rating.updated[:10]
        doc["author"] = {"@type": "Organization", "name": rating.author or "claimgraph user"}
        doc["reviewRating"] = _drop_none(
            {
                "@type": "Rating",
                "ratingValue": rating.rating,
                "bestRating": rating.best,
                "worstRating": rating.worst,
                "alternateName": rating.text,
            }
        )
    return doc
