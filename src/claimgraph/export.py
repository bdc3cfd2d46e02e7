"""Exports from a store: statements as JSON Lines or CSV, a GraphML graph of speakers and
claims (stance on the edges; Gephi and networkx open it), a claim as schema.org
ClaimReview JSON-LD.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from .store import ClaimView, StatementRecord, Store

CSV_FIELDS = (
    "key", "article", "date", "outlet", "title", "speaker", "speaker_id", "mention", "cue",
    "kind", "stance", "own_stance", "claim", "relay", "confidence", "content",
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


def statements_jsonl(records: Iterable[StatementRecord], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def statements_csv(records: Iterable[StatementRecord], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for r in records:
        d = r.to_dict()
        d["relay"] = " < ".join(d["relay"])
        w.writerow(d)
        n += 1
    return n


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
            sp = rec.statement.speaker
            speakers[sid] = (name, sp.type.value if sp else "unresolved")
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
        w(f"    <node id={quoteattr(sid)}>{_data('label', name)}{_data('kind', 'speaker')}")
        w(f"{_data('stype', stype)}</node>\n")
    for c in claims:
        w(f"    <node id={quoteattr('c:' + c.id)}>{_data('label', c.text)}")
        w(f"{_data('kind', 'claim')}{_data('supporters', str(c.supporters))}")
        w(f"{_data('deniers', str(c.deniers))}</node>\n")
    for i, ((src, dst, stance), n) in enumerate(edges.items()):
        w(f'    <edge id="e{i}" source={quoteattr(src)} target={quoteattr(dst)}>')
        w(f"{_data('stance', stance)}{_data('weight', str(n))}</edge>\n")
    w("  </graph>\n</graphml>\n")
    return len(speakers) + len(claims), len(edges)


def _data(key: str, value: str) -> str:
    return f'<data key="{key}">{escape(value)}</data>'


_RATING = {
    # schema.org Rating: 1 (false) .. 5 (true); the balance of what was said
    "supported": (5, "Supported by its sources"),
    "denied": (1, "Denied by its sources"),
    "contested": (3, "Contested: supported and denied"),
    "unverified": (3, "Reported, not independently confirmed"),
}


def claim_review(view: ClaimView, *, url: str | None = None) -> dict[str, Any]:
    """A claim as schema.org ClaimReview JSON-LD.

    The rating sums up what the corpus's sources say (supporters against deniers); it
    is not a fact-check verdict.
    """
    if view.supporters and view.deniers:
        verdict = "contested"
    elif view.deniers:
        verdict = "denied"
    elif view.supporters > 1:
        verdict = "supported"
    else:
        verdict = "unverified"
    value, label = _RATING[verdict]
    first = view.statements[0].record if view.statements else None
    appearances = []
    for e in view.statements:
        a = e.record.article
        appearances.append(
            {
                "@type": "CreativeWork",
                "url": a.url,
                "headline": a.title,
                "datePublished": a.published,
                "publisher": {"@type": "Organization", "name": a.outlet} if a.outlet else None,
                "author": {"@type": "Person", "name": e.record.speaker},
                "text": e.record.statement.content.text,
                "position": e.stance.value,
            }
        )
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": view.id,
        "claimReviewed": view.text,
        "datePublished": view.last,
        "itemReviewed": {
            "@type": "Claim",
            "text": view.text,
            "firstAppearance": appearances[0] if appearances else None,
            "appearance": appearances,
            "author": {"@type": "Thing", "name": first.speaker} if first else None,
            "datePublished": view.first,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
            "ratingExplanation": (
                f"{view.supporters} source(s) support it, {view.deniers} deny it, "
                f"{view.others} question it or call for an investigation "
                "(reprints counted once)."
            ),
        },
        "author": {"@type": "Organization", "name": "claimgraph"},
    }
    if url:
        doc["url"] = url
    return doc
