"""The Parquet schema of batch output, and the conversions to and from :class:`Analysis`.

Three tables, one row per article, statement and entity; ``article_id`` joins them.
Spans are character offsets into ``articles.text`` (``text[start:end]``). The schema is
documented in ``docs/scaling.md``; :func:`analyses_from_tables` rebuilds exactly the
analyses the rows were made from (confidences are kept unrounded).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ..model import Analysis, Span

if TYPE_CHECKING:
    from ..claims.assign import Prepared

SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("shard", pa.string()),
        ("record", pa.int64()),  # record number in its input
        ("source", pa.string()),  # where it was read from ("file.jsonl:12")
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("author", pa.string()),
        ("published", pa.string()),
        ("words", pa.int32()),  # whitespace-separated words in text
        ("statements", pa.int32()),
        ("text", pa.string()),
    ]
)

STATEMENTS = pa.schema(
    [
        ("article_id", pa.string()),
        ("statement_id", pa.string()),
        ("kind", pa.string()),
        ("stance", pa.string()),
        ("confidence", pa.float64()),
        ("speaker_name", pa.string()),
        ("speaker_type", pa.string()),  # null when there is no speaker at all
        ("speaker_mention", pa.string()),
        ("speaker_start", pa.int32()),
        ("speaker_end", pa.int32()),
        ("speaker_entity", pa.string()),
        ("speaker_anonymous", pa.bool_()),
        ("speaker_affiliation", pa.string()),
        ("speaker_confidence", pa.float64()),
        ("cue", pa.string()),
        ("cue_start", pa.int32()),
        ("cue_end", pa.int32()),
        ("cue_pieces", pa.list_(SPAN)),
        ("content", pa.string()),
        ("content_start", pa.int32()),
        ("content_end", pa.int32()),
        ("content_pieces", pa.list_(SPAN)),
        ("relay", pa.list_(pa.string())),  # outlets, nearest first
        ("addressee", pa.string()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
    ]
)

ENTITIES = pa.schema(
    [
        ("article_id", pa.string()),
        ("entity_id", pa.string()),
        ("name", pa.string()),
        ("type", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("mentions", pa.list_(SPAN)),
    ]
)

# One row per claim of an article as the claims stage prepared it on the worker (its
# members, their stance toward it, their propositions, its terms and MiniLM vector), so
# that ``load`` only places it against the store.
CLAIMS = pa.schema(
    [
        ("article_id", pa.string()),
        ("local", pa.int32()),  # the claim's number within its article
        ("text", pa.string()),
        ("outlet", pa.string()),  # the article's own voice toward it
        ("statement_ids", pa.list_(pa.string())),
        ("stances", pa.list_(pa.string())),
        ("confidences", pa.list_(pa.float64())),
        ("joins", pa.list_(pa.string())),
        ("propositions", pa.list_(pa.string())),
        ("terms", pa.list_(pa.string())),
        ("term_counts", pa.list_(pa.int32())),
        ("vector", pa.binary()),  # float32, the sum of the members' vectors
    ]
)

SCHEMAS = {"articles": ARTICLES, "statements": STATEMENTS, "entities": ENTITIES, "claims": CLAIMS}


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def rows(
    analysis: Analysis, *, shard: str = "", record: int = -1
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The article row, statement rows and entity rows of one analysis."""
    a = analysis.article
    art = {
        "article_id": a.id,
        "shard": shard,
        "record": record,
        "source": a.source,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "author": a.author,
        "published": a.published,
        "words": len(a.text.split()),
        "statements": len(analysis.statements),
        "text": a.text,
    }
    stmts = []
    for s in analysis.statements:
        sp = s.speaker
        mention = sp.mention if sp else None
        stmts.append(
            {
                "article_id": a.id,
                "statement_id": s.id,
                "kind": s.kind.value,
                "stance": s.stance.value,
                "confidence": s.confidence,
                "speaker_name": sp.name if sp else None,
                "speaker_type": sp.type.value if sp else None,
                "speaker_mention": mention.text if mention else None,
                "speaker_start": mention.start if mention else None,
                "speaker_end": mention.end if mention else None,
                "speaker_entity": sp.entity if sp else None,
                "speaker_anonymous": sp.anonymous if sp else None,
                "speaker_affiliation": sp.affiliation if sp else None,
                "speaker_confidence": sp.confidence if sp else None,
                "cue": s.cue.text if s.cue else None,
                "cue_start": s.cue.start if s.cue else None,
                "cue_end": s.cue.end if s.cue else None,
                "cue_pieces": [_span(p) for p in s.cue_pieces],
                "content": s.content.text,
                "content_start": s.content.start,
                "content_end": s.content.end,
                "content_pieces": [_span(p) for p in s.content_pieces],
                "relay": list(s.relay),
                "addressee": s.addressee,
                "sentence_start": s.sentence.start if s.sentence else None,
                "sentence_end": s.sentence.end if s.sentence else None,
            }
        )
    ents = [
        {
            "article_id": a.id,
            "entity_id": e.id,
            "name": e.name,
            "type": e.type.value,
            "aliases": list(e.aliases),
            "mentions": [_span(m) for m in e.mentions],
        }
        for e in analysis.entities
    ]
    return art, stmts, ents


def to_table(name: str, records: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(records, schema=SCHEMAS[name])


def _pieces(main: dict[str, Any], pieces: list[dict[str, Any]] | None) -> dict[str, Any]:
    if pieces and len(pieces) > 1:
        main["spans"] = [dict(p) for p in pieces]
    return main


def statement_dict(r: dict[str, Any], text: str) -> dict[str, Any]:
    """A statement row in the shape of ``Statement.to_dict()``."""
    speaker = None
    if r["speaker_type"] is not None:
        speaker = {
            "mention": r["speaker_mention"],
            "name": r["speaker_name"],
            "start": r["speaker_start"],
            "end": r["speaker_end"],
            "type": r["speaker_type"],
            "entity": r["speaker_entity"],
            "anonymous": bool(r["speaker_anonymous"]),
            "affiliation": r["speaker_affiliation"],
            "confidence": r["speaker_confidence"],
        }
    cue = None
    if r["cue_start"] is not None:
        cue = _pieces(
            {"text": r["cue"], "start": r["cue_start"], "end": r["cue_end"]}, r["cue_pieces"]
        )
    sentence = None
    if r["sentence_start"] is not None:
        s, e = r["sentence_start"], r["sentence_end"]
        sentence = {"text": text[s:e], "start": s, "end": e}
    return {
        "id": r["statement_id"],
        "kind": r["kind"],
        "stance": r["stance"],
        "confidence": r["confidence"],
        "speaker": speaker,
        "cue": cue,
        "content": _pieces(
            {"text": r["content"], "start": r["content_start"], "end": r["content_end"]},
            r["content_pieces"],
        ),
        "relay": list(r["relay"] or ()),
        "addressee": r["addressee"],
        "sentence": sentence,
    }


def entity_dict(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["entity_id"],
        "name": r["name"],
        "type": r["type"],
        "aliases": list(r["aliases"] or ()),
        "mentions": [dict(m) for m in r["mentions"] or ()],
    }


def analysis_dict(
    article: dict[str, Any],
    statements: Iterable[dict[str, Any]],
    entities: Iterable[dict[str, Any]],
) -> dict[str, Any]:
    """One article's rows in the shape of ``Analysis.to_dict()``."""
    text = article["text"]
    meta = {k: article[k] for k in ("title", "url", "outlet", "author", "published", "source")}
    meta["id"] = article["article_id"]
    return {
        "text": text,
        "article": meta,
        "statements": [statement_dict(s, text) for s in statements],
        "entities": [entity_dict(e) for e in entities],
    }


def analyses_from_tables(
    articles: pa.Table, statements: pa.Table, entities: pa.Table
) -> Iterator[Analysis]:
    """The analyses of one shard's tables, in article order."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in statements.to_pylist():
        by_article.setdefault(r["article_id"], []).append(r)
    ents: dict[str, list[dict[str, Any]]] = {}
    for r in entities.to_pylist():
        ents.setdefault(r["article_id"], []).append(r)
    for a in articles.to_pylist():
        aid = a["article_id"]
        d = analysis_dict(a, by_article.get(aid, ()), ents.get(aid, ()))
        yield Analysis.from_dict(d)


def claim_rows(prepared: Prepared) -> list[dict[str, Any]]:
    """The ``claims`` rows of one article's prepared claims."""
    out = []
    outlets: list[Any] = list(prepared.outlets) or [None] * len(prepared.local)
    for i, (lc, terms, vec, voice) in enumerate(
        zip(prepared.local, prepared.terms, prepared.vectors, outlets, strict=True)
    ):
        out.append(
            {
                "article_id": prepared.article_id,
                "local": i,
                "text": lc.text,
                "outlet": voice.value if voice is not None else None,
                "statement_ids": [m.statement.id for m in lc.members],
                "stances": [m.stance.value for m in lc.members],
                "confidences": [m.confidence for m in lc.members],
                "joins": [m.join.value for m in lc.members],
                "propositions": [prepared.propositions.get(m.statement.id, "") for m in lc.members],
                "terms": list(terms),
                "term_counts": list(terms.values()),
                "vector": vec.astype("float32").tobytes() if vec is not None else None,
            }
        )
    return out


def prepared_from_rows(analysis: Analysis, rows: list[dict[str, Any]]) -> Prepared:
    """The article's prepared claims back from its ``claims`` rows."""
    from collections import Counter

    import numpy as np

    from ..claims.assign import Prepared
    from ..claims.group import Join, LocalClaim, Member
    from ..claims.outlet import OutletStance
    from ..model import Stance

    by_id = {s.id: s for s in analysis.statements}
    local, terms, vectors, outlets = [], [], [], []
    props: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r["local"]):
        members = tuple(
            Member(by_id[sid], Join(j), Stance(st), float(c))
            for sid, st, c, j in zip(
                r["statement_ids"], r["stances"], r["confidences"], r["joins"], strict=True
            )
        )
        props.update(zip(r["statement_ids"], r["propositions"], strict=True))
        local.append(LocalClaim(r["text"], members))
        terms.append(Counter(dict(zip(r["terms"], r["term_counts"], strict=True))))
        vectors.append(np.frombuffer(r["vector"], dtype=np.float32).copy() if r["vector"] else None)
        outlets.append(OutletStance(r["outlet"]) if r["outlet"] else OutletStance.REPORTS)
    return Prepared(
        analysis.article.id, tuple(local), tuple(terms), tuple(vectors), props, tuple(outlets)
    )
