"""Categories of an award statement, read item by item, and honours with their bodies."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis import cues as c
from bot.analysis.award_draft import CREDIT, Draft
from bot.analysis.lexicon import CATEGORY_RE, PRIZE, find_bodies, tidy_category
from bot.analysis.names import Name

_TIMES = re.compile(
    r"\s+(?:twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen) times)\b", re.I
)
_TOP = re.compile(r"(?:top|main) (?:prize|award|honou?r)", re.I)


_COUNT_FITS = {
    "nom": re.compile(r"nominations|nods|Oscars|BAFTAs|awards|prizes|each", re.I),
    "win": re.compile(r"awards|wins|prizes|Oscars|BAFTAs|categories|trophies|each", re.I),
}


_LIST_HONOUR = re.compile(
    r"(?:one of )?(?:the )?(?:(\d{4})[’']s |the year[’']s )?((?:ten|10|five|top \d+|top ten) best \w+)(?: of (\d{4}))?"
)


_BY_PUBLICATION = re.compile(r"\bby ((?:[A-Z][\w&’'-]*\s?)+(?:magazine|newspaper)?)")


# A category named in full ("Best ...", a prize) stands anywhere; a bare head ("Director") only in a list.
_NAMED = re.compile(rf"(?:Best|Outstanding|Most|best)\b|{PRIZE}")
_LISTED = re.compile(
    r"^\s*(?:(?:the|an?|two|three|four|five|six|seven|\d+)\s+)?(?:Oscars?\s+)?$|(?:\bfor|:|,|\band|&|;)\s*$"
)


def categories(s: str, lo: int, hi: int) -> list[tuple[str, str | None]]:
    """Categories in s[lo:hi], each with the person named in brackets after it."""
    out: list[tuple[str, str | None]] = []
    skip = lo
    bodies = [(a, b) for a, b, _ in find_bodies(s) if not re.fullmatch(PRIZE, s[a:b])]
    for m in CATEGORY_RE.finditer(s, lo, hi):
        if m.start() < skip or any(a <= m.start() and m.end() <= b for a, b in bodies):
            continue
        if not _LISTED.search(s[skip : m.start()]) and not _NAMED.match(m.group()):
            continue  # a bare "Feature" inside "the International Feature Oscar" is not a listed category
        raw, end = m.group(), m.end()
        inner = [a for a, _ in bodies if m.start() < a < end]
        if inner:
            # "Best Actor by the National Board of Review": the category stops where a body begins.
            raw = re.sub(r"(?:\s+(?:by|at|from|of|in|and|the|[–-]))+\s*$", "", s[m.start() : inner[0]])
            end = m.start() + len(raw)
        # "Debut By A Writer, Director Or Producer": title-case "Or" keeps the commas inside.
        tail = re.match(r",\s*((?:[A-Z]\w*\s)*(?:Or|And)\s[A-Z]\w*(?:\s[A-Z]\w*)*)", s[end:hi])
        if tail:
            raw, end = f"{raw}, {tail.group(1).strip()}", end + tail.end()
        skip = end
        who = re.match(r"\s*\(([A-Z][^)]*?)\)", s[end : end + 60])
        out.append((tidy_category(raw), who.group(1) if who else _credit(s[end:hi])))
    return out


def _credit(after: str) -> str | None:
    """ "Best Actor for Murphy": the name after "for", marked so context can tell a person from a film."""
    m = re.match(r"\s+for\s+([A-Z][\w-]+(?: [A-Z][\w.-]+){0,3})(?![\w’']| [A-Z])", after)
    if not m:
        return None
    name = re.sub(r"(?<=[a-zà-ÿ]{2})\.$", "", m.group(1))  # "for Alfonso Cuarón." ends the sentence, not the name
    return f"{CREDIT}{name}"


def with_categories(s: str, names: list[Name], facts: list[Draft], cue: c.Cue, end: int) -> list[Draft]:
    """One fact per category in the cue's scope (plus one for a bare count)."""
    left = max(c.clause_start(s, cue.start), cue.start - 45)
    right = cue.start if cue.kind in ("lost", "beat") else cue.end  # "lost Best Actress to X"
    cats = categories(s, right, end) or categories(s, left, cue.start)[-1:]
    if cats and _TOP.fullmatch(cats[0][0]):
        # "the festival's top prize": the prize the sentence names elsewhere, if any.
        named = [x for x in categories(s, 0, len(s)) if re.fullmatch(PRIZE, x[0])]
        cats = [x for x in named if not _TOP.fullmatch(x[0])][:1]
    fits = _COUNT_FITS.get(cue.kind)
    # Only a count of this cue's kind: "won all 11 categories it was nominated for" has no count of nominations.
    lo = max(0, cue.start - 25) if c.is_noun(s, cue) else cue.end
    counts = [m for m in c.COUNT.finditer(s, lo, end) if not fits or fits.search(m.group())]
    count = counts[0] if counts else None
    if count is None and cue.kind in ("win", "nom"):
        count = c.BARE_COUNT.match(s, cue.end)
    times = _TIMES.match(s, cue.end)
    if times and cue.kind == "nom" and not categories(s, cue.end, end):
        # "nominated twice before", "nominated ten times at the Césars": a count, whatever the left names.
        return [replace(f, count=True) for f in facts]
    out: list[Draft] = []
    for f in facts:
        # "three awards: A, B and C", "two nominations, for A and B", "three awards (A, B and C)": the list spells it out.
        if count and not (cats and re.match(r"\s*(?::|\(|,?\s*for\b)", s[count.end() :])):
            out.append(replace(f, count=True))
        out.extend(_credited(f, cat, who) for cat, who in cats)
        if not cats and not count:
            out.append(f)
    return out


def _credited(f: Draft, category: str, who: str | None) -> Draft:
    """A fact for one category: its bracketed person, or a credit to check against the context."""
    if who and who.startswith(CREDIT):
        return replace(f, category=category, credit=who.removeprefix(CREDIT))
    return replace(f, subject=who or f.subject, category=category)


def recognitions(s: str, base: Draft, subjects: list[str], cue: c.Cue, end: int) -> list[Draft]:
    """Honours: one fact per body named ("recognition from the DGA and PGA")."""
    bodies: list[str | None] = [b[2] for b in find_bodies(s) if cue.end <= b[0] < end]
    bodies = bodies or [base.body]
    honour = _LIST_HONOUR.search(s, cue.end)
    named = categories(s, cue.end, end)
    category = named[0][0] if named and not honour else None  # "the Academy's shortlist for Best Documentary"
    if honour:
        category = f"{honour.group(2)} of {honour.group(1) or honour.group(3)}".removesuffix(" of None")
        pub = _BY_PUBLICATION.search(s, honour.end())
        bodies = [pub.group(1).strip()] if pub else bodies
    return [replace(base, subject=x, body=b, category=category) for x in subjects for b in bodies]
