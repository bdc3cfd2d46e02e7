"""Speakers across articles: the same person or organisation gets one entity.

A speaker is matched, in order, by any of its normalised names (resolved name and the
article's aliases for it), then, for a person, by surname: "Putin" joins "Vladimir
Putin" when exactly one stored person has that surname, and a later "Vladimir Putin"
absorbs an earlier lone "Putin". Anonymous sources are keyed by their description and
affiliation, so "a spokesperson for the ministry" and "a spokesperson for the army"
stay apart. Pronouns and unresolved speakers get no entity.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from ..lang import lexicon
from ..model import Entity, Speaker, SpeakerType

_TITLES = lexicon().NAME_TITLES

_ARTICLES = ("the ", "a ", "an ")
_NONWORD = re.compile(r"[^\w\s'-]+")
_SPACE = re.compile(r"\s+")


def norm(name: str) -> str:
    """A lookup key: lower case, no accents, no punctuation, no leading article."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").lower()
    s = _SPACE.sub(" ", _NONWORD.sub(" ", s)).strip()
    s = re.sub(r"'s$", "", s)
    for a in _ARTICLES:
        if s.startswith(a):
            s = s[len(a) :]
    return s


def person_tokens(name: str) -> list[str]:
    """The words of a person's name without titles ("President Vladimir Putin" -> 2)."""
    toks = norm(name).split()
    while len(toks) > 1 and toks[0] in _TITLES:
        toks = toks[1:]
    return toks


_ORG_WORDS = frozenset(
    [
        "authority",
        "union",
        "ferries",
        "ferry",
        "council",
        "ministry",
        "board",
        "group",
        "alliance",
        "party",
        "company",
        "inc",
        "ltd",
        "llc",
        "corp",
        "corporation",
        "daily",
        "herald",
        "post",
        "times",
        "chronicle",
        "wire",
        "news",
        "university",
        "office",
        "government",
        "agency",
        "department",
        "bank",
        "committee",
        "commission",
        "court",
        "police",
        "army",
        "navy",
        "service",
        "services",
        "association",
        "federation",
        "institute",
        "foundation",
        "league",
        "club",
        "church",
        "school",
        "hospital",
        "network",
        "press",
        "tv",
        "radio",
        "magazine",
        "journal",
    ]
)


def personish(name: str, type: SpeakerType) -> bool:
    """Whether a name should be matched as a person's (surnames and all).

    The tagger sometimes calls a person an organisation ("Anand said") or the reverse,
    so a short capitalised name with no organisation word counts as a person's.
    """
    if type not in (SpeakerType.PERSON, SpeakerType.ORGANIZATION):
        return False
    words = display_name(name).split()
    if not words or len(words) > 4 or any(norm(w) in _ORG_WORDS for w in words):
        return False
    if type is SpeakerType.PERSON:
        return True
    return all(w[:1].isupper() for w in words) and "'" not in name and "’" not in name


def display_name(name: str) -> str:
    """A person's name without leading titles: "Mayor Marta Velasco" -> "Marta Velasco"."""
    words = name.split()
    while len(words) > 1 and norm(words[0]) in _TITLES:
        words = words[1:]
    return " ".join(words)


def _is_name(alias: str) -> bool:
    a = alias.strip()
    for art in ("The ", "the ", "A ", "a ", "An ", "an "):
        if a.startswith(art):
            a = a[len(art) :]
    return bool(a) and a[0].isupper()


def _surname_key(tokens: list[str]) -> str | None:
    return f"~{tokens[-1]}" if len(tokens) >= 2 else None


def resolve(db: sqlite3.Connection, speaker: Speaker | None, entity: Entity | None) -> int | None:
    """The stored entity id for ``speaker``, creating or merging entities as needed.

    Must run inside the caller's write transaction.
    """
    if speaker is None or not speaker.resolved or not speaker.name:
        return None
    if speaker.anonymous or speaker.type is SpeakerType.ANONYMOUS:
        key = f"anon:{norm(speaker.affiliation or '')}:{norm(speaker.name)}"
        return _find_or_create(db, key, speaker.name, speaker, extra=())
    names = [speaker.name]
    if entity is not None:
        names += [entity.name, *[a for a in entity.aliases if _is_name(a)]]
    forms: dict[str, str] = {}
    for n in names:
        k = norm(n)
        if k and k not in forms:
            forms[k] = n
    if not forms:
        return None
    if personish(speaker.name, speaker.type):
        name = display_name(max(names, key=lambda n: len(person_tokens(n))))
        return _resolve_person(db, name, forms, speaker.type)
    keys = list(forms)
    eid = _find_or_create(db, keys[0], speaker.name, speaker, extra=tuple(keys[1:]))
    for k, form in forms.items():
        _add_alias(db, eid, k, form)
    return eid


def _lookup(db: sqlite3.Connection, key: str) -> list[int]:
    rows = db.execute("SELECT entity_id FROM entity_aliases WHERE norm = ?", (key,)).fetchall()
    return [r[0] for r in rows]


def _add_alias(db: sqlite3.Connection, entity_id: int, key: str, alias: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO entity_aliases (norm, entity_id, alias) VALUES (?, ?, ?)",
        (key, entity_id, alias),
    )


def _create(db: sqlite3.Connection, name: str, speaker: Speaker) -> int:
    cur = db.execute(
        "INSERT INTO entities (name, type, anonymous, affiliation) VALUES (?, ?, ?, ?)",
        (name, speaker.type.value, int(speaker.anonymous), speaker.affiliation),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _find_or_create(
    db: sqlite3.Connection, key: str, name: str, speaker: Speaker, extra: tuple[str, ...]
) -> int:
    for k in (key, *extra):
        found = _lookup(db, k)
        if found:
            eid = min(found)
            break
    else:
        eid = _create(db, name, speaker)
    _add_alias(db, eid, key, name)
    return eid


def _resolve_person(
    db: sqlite3.Connection, name: str, forms: dict[str, str], typ: SpeakerType
) -> int:
    """A name matched as a person's (surnames and all). The entity keeps the type the
    analysis gave it ("AFP", "Novaya Gazeta": organisations), and becomes a person
    when a mention of it is typed as one."""
    tokens = person_tokens(name)
    full = " ".join(tokens)
    keys = dict(forms)
    if full and full not in keys:
        keys[full] = name
    # 1. any exact name or alias
    for k in keys:
        found = _lookup(db, k)
        if len(found) == 1:
            return _attach(db, found[0], name, keys, tokens, typ)
    surname = _surname_key(tokens)
    if len(tokens) == 1:
        # 2. a lone surname joins the one stored person who has it
        found = _lookup(db, f"~{tokens[0]}")
        if len(found) == 1:
            return _attach(db, found[0], name, keys, tokens, typ)
    elif surname is not None:
        # 3. a full name absorbs a lone-surname entity stored earlier, when unambiguous
        lone = [e for e in _lookup(db, tokens[-1]) if personish(*_name_type(db, e))]
        others = _lookup(db, surname)
        if len(lone) == 1 and not others:
            eid = lone[0]
            db.execute("UPDATE entities SET name = ? WHERE id = ?", (name, eid))
            return _attach(db, eid, name, keys, tokens, typ)
    cur = db.execute(
        "INSERT INTO entities (name, type, anonymous, affiliation) VALUES (?, ?, 0, NULL)",
        (name, typ.value),
    )
    assert cur.lastrowid is not None
    return _attach(db, cur.lastrowid, name, keys, tokens, typ)


def _name_type(db: sqlite3.Connection, eid: int) -> tuple[str, SpeakerType]:
    name, typ = db.execute("SELECT name, type FROM entities WHERE id = ?", (eid,)).fetchone()
    return name, SpeakerType(typ)


def _attach(
    db: sqlite3.Connection,
    eid: int,
    name: str,
    keys: dict[str, str],
    tokens: list[str],
    typ: SpeakerType,
) -> int:
    row = db.execute("SELECT name FROM entities WHERE id = ?", (eid,)).fetchone()
    if row and len(person_tokens(row[0])) < len(tokens):
        db.execute("UPDATE entities SET name = ? WHERE id = ?", (name, eid))
    if typ is SpeakerType.PERSON:
        # a person is a person, whatever the tagger said the first time
        db.execute("UPDATE entities SET type = ? WHERE id = ?", (typ.value, eid))
    for k, form in keys.items():
        _add_alias(db, eid, k, form)
    surname = _surname_key(tokens)
    if surname:
        _add_alias(db, eid, surname, name)
    return eid
