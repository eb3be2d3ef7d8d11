"""The award reader's pipeline over a review: mentions -> subject, body, category -> result -> validated facts."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from bot.analysis.award_reader.attribution import (
    OBJECT_OF,
    Pick,
    attribute,
    beaten,
    cataphor,
    resolve_pronoun,
    winner_after,
)
from bot.analysis.award_reader.catalogue import Body, Category, shown_category
from bot.analysis.award_reader.entities import Entity, Index, build_index, sentence_entities
from bot.analysis.award_reader.facts import Fact
from bot.analysis.award_reader.mentions import BodyMention, CategoryMention, CountMention, Cue, Mentions, find_mentions
from bot.analysis.award_reader.results import clause_of, clauses, decide
from bot.analysis.award_reader.sections import section_facts
from bot.analysis.text import Span
from bot.models import AwardResult

Mention = BodyMention | CategoryMention | CountMention
THRESHOLD = 0.6  # facts below this confidence are not shown (precision first)
# A cue with no award of its own that continues the fact before it ("Her win was a surprise"): weak evidence,
# shown only when the subject is named for sure.
_CONTEXT_WEIGHT = 0.55
_RIVAL_WEIGHT = 0.7
_STATED = frozenset({"won", "nominated"})  # explicit results; predictions and honours are never stated in full
_NAMING = frozenset({"named", "crowned", "voted", "honored with", "honoured with"})  # "was named Best Actor": a win


def read_facts(spans: list[Span], title: str, threshold: float = THRESHOLD) -> list[Fact]:
    """Every award fact of a review whose evidence reaches `threshold`."""
    # HTML entities left by a scrape ("&#8211;", "&amp;") are read as the characters they stand for; a fact
    # keeps the review's own span as its source.
    original = spans
    spans = [replace(s, sentence=html.unescape(s.sentence)) if "&" in s.sentence else s for s in spans]
    index = build_index((s.sentence for s in spans), title)
    facts: list[Fact] = list(section_facts(spans, index))
    # The body the review speaks of: a sentence naming none means the last body a stated fact named
    # (a prediction's or a negation's body does not move it), else the first body the review names.
    context: Body | None = None
    last_person: str | None = None  # the one person the sentence before names, for "she" in this one
    for i, span in enumerate(spans):
        made: list[Fact] = []
        entities = sentence_entities(span.sentence, index)
        if not span.sentence.rstrip().endswith("?"):  # a question states nothing
            recent = [f for f in facts if f.index >= i - 3 and spans[f.index].block >= span.block - 1]
            made = _sentence_facts(span, i, index, entities, recent, context, last_person)
            facts.extend(made)
        named_people = {e.name for e in entities if e.kind == "person" and e.via == "name"}
        last_person = next(iter(named_people)) if len(named_people) == 1 else (None if named_people else last_person)
        named = {m.body.name: m.body for m in find_mentions(span.sentence).bodies}
        stated = [named[f.body] for f in made if f.body in named and f.result != "contender"]
        context = stated[-1] if stated else context or next(iter(named.values()), None)
    return [replace(f, span=original[f.index]) for f in _settle([f for f in facts if f.confidence >= threshold])]


def _sentence_facts(
    span: Span,
    i: int,
    index: Index,
    named: list[Entity],
    recent: list[Fact],
    context: Body | None,
    last_person: str | None,
) -> list[Fact]:
    """The facts of one sentence; `named` are its entities."""
    sentence = span.sentence
    found = find_mentions(sentence, None if find_mentions(sentence).bodies else context)
    if not found.cues:
        return []
    mentions = _spans(found)
    entities = [e for e in named if not any(a < e.end and e.start < b for a, b in mentions)]
    entities = [resolve_pronoun(cataphor(e, entities, sentence), recent, last_person) for e in entities]
    titles = [(e.start, e.end) for e in entities if e.kind == "film" and e.via == "name"]
    # A cue word inside a title ("Lost in Translation", "Winter's Bone... Won") states nothing.
    found = replace(found, cues=tuple(c for c in found.cues if not any(a <= c.start < b for a, b in titles)))
    if not found.cues:
        return []
    cuts = clauses(sentence)
    out: list[Fact] = []
    for cue in found.cues:
        if cue.kind == "beat":
            out.extend(_beat_to(cue, found, entities, sentence, index, cuts, span, i))
            continue
        clause = clause_of(cue.start, cuts)
        tied = _tied(cue, found, clause, sentence, cuts, context)
        shared = _shares_subject(cue, clause, sentence, entities, out)
        own = [m for m in _all(found) if clause[0] <= m.start < clause[1]]
        if not own and shared is not None:
            result = decide(cue, sentence, clause)
            if result in {"won", "lost"}:  # "was nominated for X but lost to Y": the same award, lost
                out.append(replace(shared, result=result, confidence=shared.confidence * 0.95, count=False))
                other = winner_after(cue, clause, entities, sentence)
                if result == "lost" and other:
                    out.append(
                        replace(
                            shared,
                            subject=other.who.name,
                            kind=other.who.kind,
                            result="won",
                            film=other.who.name if other.who.kind == "film" else shared.film,
                            confidence=shared.confidence * 0.9,
                            count=False,
                        )
                    )
            continue
        from_context = not tied.any and cue.kind in {"won", "lost"} and bool(recent) and not (cue.weak or cue.close)
        if not tied.any and not from_context:
            continue
        result = decide(cue, sentence, clause)
        if result is None:
            continue
        if result == "recognized" and tied.categories and sentence[cue.start : cue.end].lower() in _NAMING:
            result = "won"  # "was named Best Actor" is a win
        pick = attribute(cue, clause, entities, sentence, index, cuts)
        pair = _pair(cue, clause, entities, sentence, index.title) or _each(
            cue, clause, entities, sentence, index.title
        )
        if pick is None and not pair:
            continue
        if from_context and pick is not None:
            rival = winner_after(cue, clause, entities, sentence) if result == "lost" else None
            # "X lost to Y" after an award sentence: the same body, lost to a named rival (no category: the
            # sentence does not say which)
            weight = _RIVAL_WEIGHT if rival else _CONTEXT_WEIGHT
            prior = replace(recent[-1], category=None, shown=None) if rival else recent[-1]
            out.extend(_from(prior, pick, result, span, i, weight))
            if rival:
                out.extend(_from(prior, rival, "won", span, i, weight))
            continue
        shared_out = _respectively(cue, clause, entities, sentence, tied, index.title)
        for who, own_tied in shared_out:
            out.extend(_facts(who, result, own_tied, span, i, cue, one_by_one=True))
        for who in [] if shared_out else pair or ([pick] if pick else []):
            out.extend(_facts(who, result, tied, span, i, cue))
        if cue.kind == "lost":
            other = winner_after(cue, clause, entities, sentence)
            if other:
                out.extend(_facts(other, "won", tied, span, i, cue))
    out.extend(_beaten(found, entities, sentence, cuts, out or recent[-1:], span, i))
    return out


def _shares_subject(
    cue: Cue, clause: tuple[int, int], sentence: str, entities: list[Entity], made: list[Fact]
) -> Fact | None:
    """A clause that opens with its verb ("... but lost to Y", "..., and won it") continues the fact made just
    before it in the sentence."""
    if not made or made[-1].count:
        return None
    head = sentence[clause[0] : cue.start]
    if not re.fullmatch(
        r"\W*(?:but|and|yet|then|only to|before)?\s*(?:\w+ly\s+)?(?:went on to\s+|eventually\s+)?", head, re.I
    ):
        return None
    return made[-1]


def _each(cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str, title: str) -> list[Pick]:
    """ "A, B, C and D, each receiving the Best Film nod": every item of the list before "each"/"both"/"all"."""
    lead = re.search(r",?\s+(?:each|both|all)\s+(?:[\w’'-]+\s+){0,5}$", sentence[clause[0] : cue.start], re.I)
    if lead is None:
        return []
    end = clause[0] + lead.start()
    items: list[Entity] = []
    pos = end
    for e in reversed([e for e in entities if e.end <= end and e.via == "name"]):
        gap = sentence[e.end : pos]
        if items and not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", gap):
            # one-word titles between commas ("..., Elvis, ...") join a list of films
            words_ = [w.strip() for w in re.split(r",|\band\b", gap) if w.strip()]
            if not all(re.fullmatch(r"[A-ZÀ-Þ][\w’'-]+", w) for w in words_) or "film" not in {e.kind, items[0].kind}:
                break
            for w in reversed(words_):
                at = e.end + gap.index(w)
                items.insert(0, Entity(at, at + len(w), w, "film"))
        items.insert(0, e)
        pos = e.start
    if len(items) < 2:
        return []
    tail = sentence[items[-1].end : end]
    for w in [w.strip() for w in re.split(r",|\band\b", tail) if w.strip()]:
        if re.fullmatch(r"[A-ZÀ-Þ][\w’'-]+", w) and items[-1].kind == "film":
            at = items[-1].end + tail.index(w)
            items.append(Entity(at, at + len(w), w, "film"))
    return [Pick(e, 0.9, e.name if e.kind == "film" else title, True) for e in items]


def _respectively(
    cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str, tied: Tied, title: str
) -> list[tuple[Pick, Tied]]:
    """ "A and B taking, respectively, Best X and Best Y": the n-th subject named before the cue takes the n-th
    category after it; nothing when the counts differ."""
    if not re.search(r"\brespectively\b", sentence[clause[0] : clause[1]], re.I) or len(tied.categories) < 2:
        return []
    named = [e for e in entities if clause[0] <= e.start and e.end <= cue.start and e.via == "name"]
    if not named or not re.fullmatch(r"\s*(?:[a-z]+\s+){0,2}", sentence[named[-1].end : cue.start]):
        return []
    run = [named[-1]]
    for e in reversed(named[:-1]):
        if not re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", sentence[e.end : run[0].start]):
            break
        run.insert(0, e)
    cats = sorted(tied.categories, key=lambda t: t[0].start)
    if len(run) != len(cats):
        return []
    return [
        (Pick(e, 1.0, e.name if e.kind == "film" else title, True), replace(tied, categories=(c,)))
        for e, c in zip(run, cats, strict=True)
    ]


def _pair(cue: Cue, clause: tuple[int, int], entities: list[Entity], sentence: str, title: str) -> list[Pick]:
    """ "the pair won", "the duo won", "both won": the last two people named before it."""
    if not re.search(r"\b(?:the pair|the duo|the two|both)\s+(?:\w+\s+)?$", sentence[clause[0] : cue.start], re.I):
        return []
    people = [e for e in entities if e.kind == "person" and e.via == "name" and e.end <= cue.start]
    return [Pick(e, 0.85, title, True) for e in people[-2:]] if len(people) >= 2 else []


def _beat_to(
    cue: Cue,
    found: Mentions,
    entities: list[Entity],
    sentence: str,
    index: Index,
    cuts: list[tuple[int, int]],
    span: Span,
    i: int,
) -> list[Fact]:
    """ "X beat Y to the Golden Lion": X won it and Y lost it."""
    clause = clause_of(cue.start, cuts)
    loser = beaten(cue, clause, entities, sentence)
    if loser is None:
        return []
    m = re.match(r"\s+(?:for|to)\s+(?:the\s+)?", sentence[loser.end : clause[1]])
    if m is None or decide(Cue(cue.start, cue.end, "won"), sentence, clause) != "won":
        return []
    at = loser.end + m.end()
    cats = [c for c in found.categories if c.start == at]
    bodies = [b for b in found.bodies if b.start == at]
    if not cats and not bodies:
        return []
    winner = attribute(
        Cue(cue.start, cue.end, "won"), clause, [e for e in entities if e.end <= cue.start], sentence, index, cuts
    )
    if winner is None:
        return []
    near = [b for b in found.bodies if clause[0] <= b.start < clause[1]]
    tied = Tied(tuple((c, *_body_for(c, near, sentence)) for c in cats), (), tuple(b.body for b in bodies), 1.0)
    lose = Pick(loser, 0.9, loser.name if loser.kind == "film" else index.title, True)
    won_cue = Cue(cue.start, cue.end, "won")
    return [*_facts(winner, "won", tied, span, i, won_cue), *_facts(lose, "lost", tied, span, i, won_cue)]


def _all(found: Mentions) -> list[Mention]:
    """Every award mention of a sentence."""
    return [*found.bodies, *found.categories, *found.counts]


def _spans(found: Mentions) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in _all(found)]


@dataclass(frozen=True)
class Tied:
    """The award mentions a cue governs, each category with its body."""

    categories: tuple[tuple[CategoryMention, Body | None, float], ...]
    counts: tuple[CountMention, ...]
    bodies: tuple[Body, ...]
    body_weight: float

    @property
    def any(self) -> bool:
        return bool(self.categories or self.counts or self.bodies)

    @property
    def body(self) -> Body | None:
        return self.bodies[0] if self.bodies else None


_NONE = Tied((), (), (), 0.0)


def _nearest_cue(pos: int, cues: tuple[Cue, ...], clause: tuple[int, int]) -> Cue | None:
    inside = [c for c in cues if clause[0] <= c.start < clause[1] and c.kind != "beat"]
    return min(inside, key=lambda c: (abs(c.start - pos), c.start > pos), default=None)


_AT = re.compile(
    r"\s+(?:award\s+|prize\s+|nod\s+|nomination\s+)?(?:at|from|of|by|in)\s+(?:the\s+)?(?:\d{4}\s+|this year's\s+|next year's\s+)?",
    re.I,
)


def _bodies_after(c: CategoryMention, near: list[BodyMention], sentence: str) -> list[Body]:
    """The bodies named right after a category ("Best Actress at the Golden Globes and the BAFTAs")."""
    out: list[Body] = []
    end = c.end
    pattern = _AT
    for m in near:
        if m.start < end:
            continue
        if not pattern.fullmatch(sentence[end : m.start]):
            break
        out.append(m.body)
        end, pattern = m.end, _AND_BODY
    return out


_AND_BODY = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+&\s+)(?:the\s+)?", re.I)


def _body_for(c: CategoryMention, near: list[BodyMention], sentence: str) -> tuple[Body | None, float]:
    """A category's body: its own (a named prize), one right after it ("Best Picture at the Oscars"), else the
    nearest one before it, else the nearest after."""
    if c.body is not None:
        return c.body, 1.0
    after = [m for m in near if m.start >= c.end and _AT.fullmatch(sentence[c.end : m.start])]
    if after:
        return after[0].body, 1.0
    before = [m for m in near if m.end <= c.start]
    if before:
        return before[-1].body, 1.0
    later = [m for m in near if m.start >= c.end]
    return (later[0].body, 0.95) if later else (None, 0.0)


def _tied(
    cue: Cue, found: Mentions, clause: tuple[int, int], sentence: str, cuts: list[tuple[int, int]], context: Body | None
) -> Tied:
    """Categories, counts and bodies in the cue's clause that are nearer to it than to any other cue."""
    a, b = clause

    def mine(m: CategoryMention | CountMention | BodyMention) -> bool:
        pos = m.pos if isinstance(m, CategoryMention) else m.start
        return a <= pos < b and _nearest_cue(pos, found.cues, clause) == cue

    cats = [c for c in found.categories if mine(c)]
    counts = tuple(n for n in found.counts if mine(n))
    near = [m for m in found.bodies if a <= m.start < b]
    own = [m for m in near if mine(m)]
    mentioned: list[Mention] = [*cats, *counts, *near]
    if cue.weak and not _object_follows(cue, mentioned, b, sentence):
        return _NONE
    if cue.close and not any(abs(m.start - cue.end) < 30 or abs(cue.start - m.end) < 30 for m in mentioned):
        return _NONE
    tied_cats: list[tuple[CategoryMention, Body | None, float]] = []
    for c in cats:
        run = [x for x in found.categories if x.pos == c.pos] if c.body is None else [c]
        for shared_body in (
            _bodies_after(run[-1], near, sentence) if len(run) > 1 or _bodies_after(c, near, sentence) else []
        ):
            tied_cats.append((c, shared_body, 1.0))
        if tied_cats and tied_cats[-1][0] is c:
            continue
        body, weight = _body_for(c, near, sentence)
        free = [
            m for m in found.bodies if not any(clause_of(k.start, cuts) == clause_of(m.start, cuts) for k in found.cues)
        ]
        if body is None and free:
            body, weight = _body_for(c, free, sentence)  # a body in a clause of its own ("At the Oscars, ...")
            weight *= 0.85
        if body is None and context is not None:
            body, weight = context, 0.9
        tied_cats.append((c, body, weight))
    bodies = tuple({m.body.name: m.body for m in own}.values())
    weight = 1.0 if bodies else 0.0
    if not bodies and counts and found.bodies:
        bodies, weight = (found.bodies[0].body,), 0.85
    if not bodies and counts and context is not None:
        bodies, weight = (context,), 0.9
    if not (bodies or counts or tied_cats) and near and cue.kind in {"won", "lost", "nominated"} and not cue.weak:
        bodies, weight = (near[-1].body,), 0.85  # the clause's body, though nearer another cue
    if not (bodies or counts or tied_cats) and found.bodies and cue.kind == "lost" and not cue.weak:
        bodies, weight = (found.bodies[-1].body,), 0.8
    return Tied(tuple(tied_cats), counts, bodies, weight)


def _object_follows(cue: Cue, mentions: list[Mention], end: int, sentence: str = "") -> bool:
    """A weak verb ("took", "received") counts only with an award right after it as its object; a body after
    "at" or "in" is where it happened ("received a standing ovation at Cannes"), not what was received."""
    for m in mentions:
        if not cue.end <= m.start < min(end, cue.end + 45):
            continue
        if isinstance(m, BodyMention) and re.search(
            r"\b(?:at|in|from)\s+(?:the\s+)?(?:\d{4}\s+)?$", sentence[: m.start]
        ):
            continue
        return True
    return False


def _facts(
    pick: Pick, result: AwardResult, tied: Tied, span: Span, i: int, cue: Cue, one_by_one: bool = False
) -> list[Fact]:
    """One fact per category and per count the cue governs, or one bare fact per body; `one_by_one` when the
    sentence pairs each of several subjects with its own award ("respectively")."""
    conf = pick.weight * (0.9 if cue.weak or cue.close else 1.0)
    named = pick.weight >= 1.0 and pick.who.via == "name" and not _object(pick.who, span.sentence)
    named = named and (one_by_one or not _coordinated(pick.who, span.sentence))
    plain = (named or (pick.who.own and _capsule(cue, span.sentence))) and result == cue.kind
    plain = plain and not cue.close and (not cue.weak or _award_object(cue, tied, span.sentence))
    made = [
        _fact(
            pick,
            body.name if body else None,
            c.category,
            result,
            span,
            i,
            conf * max(w, 0.9),
            who,
            shown=shown_category(span.sentence[c.start : c.end], c.category, body),
            complete=plain and result in _STATED and body is not None and w >= 0.85,
        )
        for c, body, w in tied.categories
        for who in pick.for_category(c)
    ]
    for n in tied.counts:
        nbody = n.body.name if n.body else tied.body.name if tied.body else None
        nresult: AwardResult = "nominated" if n.nomination and result == "won" else result
        made.append(_fact(pick, nbody, None, nresult, span, i, conf, pick.who, count=True))
    if not made:
        made = [_fact(pick, b.name, None, result, span, i, conf * tied.body_weight, pick.who) for b in tied.bodies]
    return [f for f in made if f is not None]


def _award_object(cue: Cue, tied: Tied, sentence: str) -> bool:
    """A weak verb whose object is a category of the catalogue ("took Best Actor", "taking, respectively, Best
    Female Lead"): as explicit as "won"."""
    first = min((c.start for c, _, _ in tied.categories), default=-1)
    gap = sentence[cue.end : first] if first >= cue.end else "-"
    return re.fullmatch(r"\s*(?:,\s*respectively,\s*)?(?:the\s+)?", gap, re.I) is not None


def _capsule(cue: Cue, sentence: str) -> bool:
    """A short line that opens with its result ("Winner of the Palme d'Or at Cannes 2018"): a capsule review's
    award line, about the reviewed film."""
    return (
        re.fullmatch(r"[\W_]*", sentence[: cue.start]) is not None
        and "\n" not in sentence.strip()
        and (len(sentence.split()) <= 16)
    )


def _coordinated(who: Entity, sentence: str) -> bool:
    """A subject joined to another ("Joel and Ethan won"): who won what is not stated one by one."""
    before, after = sentence[max(0, who.start - 6) : who.start], sentence[who.end : who.end + 6]
    return re.search(r"(?:\band|&|,)\s*$", before) is not None or re.match(r"\s*(?:and\b|&)", after) is not None


def _object(who: Entity, sentence: str) -> bool:
    """A name after a preposition ("... for Ronan, and went on to earn ...") is no clause's subject."""
    return OBJECT_OF.search(sentence[max(0, who.start - 60) : who.start]) is not None


def _fact(
    pick: Pick,
    body: str | None,
    category: Category | None,
    result: AwardResult,
    span: Span,
    i: int,
    conf: float,
    who: Entity,
    count: bool = False,
    shown: str | None = None,
    complete: bool = False,
) -> Fact | None:
    if category is None and body is None:
        return None
    if category is not None and category.kind == "person" and who.kind == "film" and pick.person_nearby:
        conf *= 0.6  # a person's prize given to a film while a person stands near: doubtful
        complete = False
    if category is not None and category.kind == "film" and who.kind == "person":
        conf *= 0.8
        complete = False
    film = who.name if who.kind == "film" else pick.film
    name = category.name if category else None
    return Fact(who.name, who.kind, film, body, name, result, span, i, conf, count, shown, complete)


def _from(prior: Fact, pick: Pick, result: AwardResult, span: Span, i: int, weight: float) -> list[Fact]:
    """A cue with no award of its own continues the fact just before it ("Her win was a surprise")."""
    who = pick.who
    film = who.name if who.kind == "film" else pick.film
    return [
        replace(
            prior,
            subject=who.name,
            kind=who.kind,
            film=film,
            result=result,
            span=span,
            index=i,
            confidence=pick.weight * weight,
            count=False,
        )
    ]


def _beaten(
    found: Mentions,
    entities: list[Entity],
    sentence: str,
    cuts: list[tuple[int, int]],
    won: list[Fact],
    span: Span,
    i: int,
) -> list[Fact]:
    """ "beating X", "an upset over X": X lost what the sentence's winner won."""
    winners = [f for f in won if f.result == "won"]
    out = []
    for cue in found.cues:
        if cue.kind != "beat" or not winners:
            continue
        loser = beaten(cue, clause_of(cue.start, cuts), entities, sentence)
        if loser is None or loser.name == winners[-1].subject:
            continue
        film = loser.name if loser.kind == "film" else winners[-1].film
        for w in winners:
            out.append(
                replace(
                    w,
                    subject=loser.name,
                    kind=loser.kind,
                    film=film,
                    result="lost",
                    span=span,
                    index=i,
                    confidence=w.confidence * 0.9,
                    count=False,
                )
            )
    return out


def _settle(facts: list[Fact]) -> list[Fact]:
    """Duplicates merged; a bare fact beside a specific one dropped; a beaten favourite only lost."""
    out: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for f in sorted(facts, key=lambda f: (f.index, -f.confidence)):
        key = (f.subject, f.body, f.category, f.result, f.count)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return [f for f in out if not _covered(f, out)]


def _covered(f: Fact, facts: list[Fact]) -> bool:
    for g in facts:
        if g is f or g.subject != f.subject:
            continue
        if not f.count and f.category is None and g.category and g.result == f.result and g.body == f.body:
            return True
        if f.body is None and g.body and g.category == f.category and g.result == f.result:
            return True
        same_award = g.body == f.body and (g.category == f.category or f.category is None)
        if f.result == "contender" and g.result in {"won", "lost"} and same_award and g.index == f.index:
            return True
    return False
