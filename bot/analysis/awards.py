"""Award statements of one sentence, read cue by cue."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.analysis import cues as c
from bot.analysis.lexicon import CATEGORY_RE, PRIZE, find_bodies, tidy_category
from bot.analysis.names import Name, find_names
from bot.analysis.subjects import FILM, PERSON, colon_list, objects, pick_subjects
from bot.analysis.text import Span
from bot.models import AwardResult

_RESULT: dict[str, AwardResult] = {
    "win": "won", "gave": "won", "beat": "won", "nom": "nominated",
    "con": "contender", "rec": "recognized", "lost": "lost",
}  # fmt: skip
_NOUNS = re.compile(r"^(?:wins?|winners?|victor(?:y|ies)|triumph|nominations?|nods?|buzz)$", re.I)
_POSSESSIVE = re.compile(
    rf"([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s (?:(?:first|second|latest|surprise|big) )?(?:{PRIZE}|win|victory|nomination|nod)\b"
)
_NOMINATION = re.compile(r"\W*(?:[\w’'-]+\W+){0,4}?(?:nods?|nominations?)\b")
_COUNT_FITS = {
    "nom": re.compile(r"nominations|nods|Oscars|BAFTAs|each", re.I),
    "win": re.compile(r"awards|wins|prizes|Oscars|BAFTAs|categories|trophies|each", re.I),
}
_ADJECTIVE = re.compile(
    r"(?P<body>Oscar|Academy Award|BAFTA|Golden Globe|Emmy|C[ée]sar|Palme d[’']Or)[- ](?P<how>winning|winner|nominated|nominee)"
    r"\s+(?:[a-z-]+\s+){0,2}(?P<who>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)+)"
)
CREDIT = "\x00credit:"
_TOP = re.compile(r"(?:top|main) (?:prize|award|honou?r)", re.I)
# Verbs that state an award only when their object is one ("received praise" is not).
_WEAK = re.compile(r"(?:receiv|earn|land|garner|secur|collect|claim|pick|bag|nab|took|take|shar)\w*(?: up)?", re.I)
_LIST_HONOUR = re.compile(
    r"(?:one of )?(?:the )?(?:(\d{4})[’']s |the year[’']s )?((?:ten|10|five|top \d+|top ten) best \w+)(?: of (\d{4}))?"
)
_BY_PUBLICATION = re.compile(r"\bby ((?:[A-Z][\w&’'-]*\s?)+(?:magazine|newspaper)?)")


@dataclass(frozen=True)
class Draft:
    """An award fact before context fills its gaps."""

    subject: str
    body: str | None
    category: str | None
    result: AwardResult
    span: Span
    index: int
    count: bool = False
    credit: str | None = None  # "Best Director for Nolan": a name that may be the winner


def sentence_facts(span: Span, index: int, context: bool) -> list[Draft]:
    """Award facts stated by one sentence; `context` says recent sentences held awards."""
    s = span.sentence
    names = find_names(s)
    found = _possessive_prizes(s, span, index)
    all_cues = c.find_cues(s)
    skip = -1
    taken = [m.span() for m in _ADJECTIVE.finditer(s)]
    all_cues = [q for q in all_cues if not any(a <= q.start < b for a, b in taken)]
    for i, cue in enumerate(all_cues):
        end = c.scope_end(s, all_cues, i)
        if i == skip or _negated(s, cue) or not _awardish(s, cue, end, context or bool(found)):
            continue
        if cue.kind == "win" and re.match(r"\s+over\b", s[cue.end :]):
            continue  # "won over the critics"
        if cue.kind == "win" and i + 1 < len(all_cues) and _NOMINATION.match(s, cue.end, all_cues[i + 1].end):
            # "receiving a nod for X": one nomination, read over both cues.
            cue, skip = c.Cue("nom", cue.start, cue.end, cue.text), i + 1
            end = c.scope_end(s, all_cues, i + 1)
        found.extend(_cue_facts(s, span, index, names, cue, end))
    return found


def _irrealis(s: str, cue: c.Cue) -> bool:
    """A hypothetical or wished-for win ("if it wins", "the frontrunner to win", "to be nominated")."""
    before = s[c.comma_start(s, cue.start) : cue.start]
    if c.IRREALIS.search(before):
        return True
    # "to win" is a wish unless it tells what happened ("went on to win", "managed to win").
    return bool(re.search(r"\bto\s+$", before)) and not re.search(
        r"\b(?:went|go|goes|gone|going) on\s+to\s+$|\b(?:managed|able)\s+to\s+$", before
    )


def _is_noun(s: str, cue: c.Cue) -> bool:
    """A noun cue ("her win", "the nominations"), as opposed to a verb ("it wins")."""
    if not _NOUNS.match(cue.text):
        return False
    if cue.text.lower() in ("win", "wins"):
        return bool(
            re.search(r"(?:[’']s|\b(?:the|a|an|her|his|its|their|this|that|surprise|big))\s+$", s[: cue.start], re.I)
        )
    return True


def _starts_with_body(text: str) -> bool:
    """Whether the text opens with an award body ("a BAFTA", "two Emmys")."""
    bodies = find_bodies(text)
    return bool(bodies) and bodies[0][0] == 0


def _negated(s: str, cue: c.Cue) -> bool:
    """A negation between the clause start and the cue ("never won")."""
    return bool(c.NEGATION.search(s[c.comma_start(s, cue.start) : cue.start]))


def _awardish(s: str, cue: c.Cue, end: int, context: bool) -> bool:
    """Whether award vocabulary surrounds the cue (else "won us over")."""
    if _WEAK.fullmatch(cue.text):
        # "received a standing ovation at Cannes" is not a prize: the object itself must be one.
        right = s[cue.end : max(end, cue.end + 50)]
        owned = re.match(r"\s+(?:(?:a|an|the|its|his|her|their|two|three|four|five|six|\d+)\s+)?(?:[\w-]+\s+)?", right)
        head = right[owned.end() if owned else 0 :]
        return bool(c.AWARDISH.search(right) or _starts_with_body(head) or categories(s, cue.end, end))
    if c.AWARDISH.search(s[c.clause_start(s, cue.start) : end]) or find_bodies(s):
        return True
    if categories(s, cue.end, end):
        return True
    if cue.kind == "con":
        # "X is more deserving." / "the frontrunner.": no object, so the award is the context's.
        bare = re.match(r"\s*(?:[,.;)]|$)", s[cue.end :]) or cue.text.lower() == "up against"
        return context and bool(bare)
    return context and cue.kind in ("beat", "lost", "win")


def _cue_facts(s: str, span: Span, index: int, names: list[Name], cue: c.Cue, end: int) -> list[Draft]:
    """The facts one cue states."""
    result = _RESULT[cue.kind]
    if result in ("won", "nominated") and _irrealis(s, cue):
        result = "contender"
    subjects = _subjects(s, names, cue, end)
    if not subjects and cue.kind == "beat":
        base = Draft("", _body(s, cue, end), None, "lost", span, index)
        beaten = [replace(base, subject=x) for x in objects(s, names, cue.end, len(s))]
        return _with_categories(s, names, beaten, cue, end)
    if not subjects:
        return []
    base = Draft("", _body(s, cue, end), None, result, span, index)
    if cue.kind == "rec":
        return _recognitions(s, base, subjects, cue, end)
    facts = [replace(base, subject=x) for x in subjects]
    facts = _with_categories(s, names, facts, cue, end)
    if cue.text.lower().startswith("shar"):
        # "shared Best Adapted Screenplay with X": X won it too.
        partner = re.match(r"[^,.;]*?\bwith ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)", s[cue.end :])
        facts += [replace(f, subject=partner.group(1)) for f in facts if f.category] if partner else []
    if cue.kind in ("beat", "lost"):
        other: AwardResult = "lost" if cue.kind == "beat" else "won"
        facts += [replace(f, subject=x, result=other) for x in objects(s, names, cue.end, len(s)) for f in facts[:1]]
    return facts


def _subjects(s: str, names: list[Name], cue: c.Cue, end: int) -> list[str]:
    """Who the cue is about."""
    listed = colon_list(s, names, cue.end, end if end > cue.end else len(s))
    if listed:
        return listed
    if cue.kind == "gave":
        obj = re.match(r"\s*(it|him|her|them|the (?:film|movie))\b", s[cue.end :])
        if obj:
            return [FILM if obj.group(1) in ("it", "the film", "the movie") else PERSON]
        return objects(s, names, cue.end, end)
    recipient = re.match(r"\s+([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+)\s+(?:the|an?|her|his|their)\b", s[cue.end :])
    if recipient and cue.kind == "win" and not CATEGORY_RE.match(recipient.group(1)):
        return [recipient.group(1)]  # "It earned Olivia Colman the Academy Award"
    noun = _is_noun(s, cue)
    target = re.match(r"\s+(?:around|for|surrounding|behind) ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)", s[cue.end :])
    if cue.kind == "con" and noun and target and not CATEGORY_RE.match(target.group(1)):
        return [target.group(1)]  # "Oscar buzz around X"
    owner = re.search(
        r"(?:([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s|\b([Hh]er|[Hh]is|[Ii]ts|[Tt]heir)) (?:\w+ )?$", s[: cue.start]
    )
    if owner and noun:
        return [owner.group(1) or (FILM if owner.group(2).lower() == "its" else PERSON)]
    bare = cue.text.lower().endswith("s") or re.search(r"\bthe (?:[\w-]+ ){0,3}$", s[: cue.start], re.I)
    if noun and bare and not c.COUNT.search(s, max(0, cue.start - 25), cue.end + 25):
        return []  # "the winners", "the nominations": nobody in particular
    found = pick_subjects(s, names, c.clause_start(s, cue.start), cue.start)
    if not found:
        found = pick_subjects(s, names, 0, c.clause_start(s, cue.start), strict=True)
    if not found and re.match(r"(?:With|After|Following|Having|Winner of|Nominated for)\b", s) and "," in s[cue.end :]:
        found = [n.text for n in names if n.start > s.index(",", cue.end)][:1]
    if not found and not _NOUNS.match(cue.text) and cue.kind not in ("beat",):
        found = [FILM]
    return found


def _body(s: str, cue: c.Cue, end: int) -> str | None:
    """The award body nearest the cue within its clause, else anywhere in the sentence."""
    bodies = find_bodies(s)
    lo = c.clause_start(s, cue.start)
    near = [b for b in bodies if lo <= b[0] < max(end, cue.end + 40)] or bodies
    if not near:
        return None
    return min(near, key=lambda b: min(abs(b[1] - cue.start), abs(b[0] - cue.end)))[2]


def categories(s: str, lo: int, hi: int) -> list[tuple[str, str | None]]:
    """Categories in s[lo:hi], each with the person named in brackets after it."""
    out: list[tuple[str, str | None]] = []
    skip = lo
    bodies = [(a, b) for a, b, _ in find_bodies(s) if not re.fullmatch(PRIZE, s[a:b])]
    for m in CATEGORY_RE.finditer(s, lo, hi):
        if m.start() < skip or any(a <= m.start() and m.end() <= b for a, b in bodies):
            continue
        raw, end = m.group(), m.end()
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
    m = re.match(r"\s+for\s+([A-Z][\w-]+(?: [A-Z][\w.-]+){0,3})(?![\w’'])", after)
    return f"{CREDIT}{m.group(1)}" if m else None


def _with_categories(s: str, names: list[Name], facts: list[Draft], cue: c.Cue, end: int) -> list[Draft]:
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
    lo = max(0, cue.start - 25) if _is_noun(s, cue) else cue.end
    counts = [m for m in c.COUNT.finditer(s, lo, end) if not fits or fits.search(m.group())]
    count = counts[0] if counts else None
    out: list[Draft] = []
    for f in facts:
        if count and not (cats and re.match(r"\s*(?::|for\b)", s[count.end() :])):
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


def _recognitions(s: str, base: Draft, subjects: list[str], cue: c.Cue, end: int) -> list[Draft]:
    """Honours: one fact per body named ("recognition from the DGA and PGA")."""
    bodies: list[str | None] = [b[2] for b in find_bodies(s) if cue.end <= b[0] < end]
    bodies = bodies or [base.body]
    honour = _LIST_HONOUR.search(s, cue.end)
    category = None
    if honour:
        category = f"{honour.group(2)} of {honour.group(1) or honour.group(3)}".removesuffix(" of None")
        pub = _BY_PUBLICATION.search(s, honour.end())
        bodies = [pub.group(1).strip()] if pub else bodies
    return [replace(base, subject=x, body=b, category=category) for x in subjects for b in bodies]


def _possessive_prizes(s: str, span: Span, index: int) -> list[Draft]:
    """ "Garcia's Silver Bear for Best Actress": a prize owned is a prize won."""
    out: list[Draft] = _adjectives(s, span, index)
    for m in _POSSESSIVE.finditer(s):
        cats = categories(s, m.end(1), min(len(s), m.end() + 30))
        if cats and not c.NEGATION.search(s[c.comma_start(s, m.start()) : m.start()]):
            body = find_bodies(cats[0][0])
            out.append(Draft(m.group(1), body[0][2] if body else None, cats[0][0], "won", span, index))
    return out


def _adjectives(s: str, span: Span, index: int) -> list[Draft]:
    """ "Oscar-winning actress Frances McDormand": the adjective states an award of the person."""
    out = []
    for m in _ADJECTIVE.finditer(s):
        result: AwardResult = "won" if m.group("how").startswith("win") else "nominated"
        out.append(Draft(m.group("who"), find_bodies(m.group("body"))[0][2], None, result, span, index))
    return out
