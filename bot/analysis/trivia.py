"""Award facts with their trivia question, worded from prompts/analysis_trivia.toml."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Literal

from bot.analysis.award_context import read_awards
from bot.analysis.award_draft import Draft
from bot.analysis.award_reader import Fact, read_facts
from bot.analysis.award_reader.catalogue import (
    body_named,
    canonical_award,
    canonical_body,
    catalogue,
    normalise_key,
)
from bot.analysis.names import find_names, fold
from bot.analysis.text import Span
from bot.models import AwardFact, AwardResult
from bot.wording import phrase, wording

_WORDING = "analysis_trivia"
_FILM_CATEGORY = re.compile(r"Picture|Film\b|Feature|Documentary|Palme|Golden (?:Lion|Bear)", re.I)


AwardReader = Literal["agree", "rules", "staged"]


def award_facts(spans: list[Span], text: str, title: str, reader: AwardReader = "agree") -> tuple[AwardFact, ...]:
    """Every award statement of the review as a fact with a question and answer.

    `reader` picks the award reader: "rules" (hand-written rules), "staged" (bot.analysis.award_reader, the
    catalogue-driven stages), or "agree" (the default: the facts both state, one of them maybe more specifically,
    and the staged reader's facts that one construction states in full — two readers built on different
    principles agreeing is the signal measured to make trivia precise; see docs/analysis.md)."""
    if reader == "staged":
        return _unique_questions([_counted(_staged(f)) for f in read_facts(spans, title)])
    if reader == "agree":
        read = [(f, _staged(f)) for f in read_facts(spans, title)]
        shown = _agreed(_rules(spans, text, title), [fact for _, fact in read])
        shown = _with_complete(shown, [fact for f, fact in read if f.complete])
        bodies = _Bodies(spans)
        return _unique_questions([_counted(f) for f in shown if not _doubtful(f, bodies, title)])
    return _unique_questions([_counted(f) for f in _rules(spans, text, title)])


Key = tuple[str, str | None, str | None, str]

# A television award: a film club's trivia is about films, and TV and film prizes share a ceremony's night.
_TELEVISION = re.compile(r"\b(?:TV|television|(?:mini-?)?series|sitcom|Emmys?)\b", re.I)
# A heading that lists nominees and winners together says neither of any one line.
_MIXED_HEADING = re.compile(r"\bnomin\w+ (?:and|&) win\w+|\bwin\w+ (?:and|&) nomin\w+", re.I)
_QUOTED_TITLE = re.compile(r"[“\"]([A-Z][^”\"]{1,60})[”\"]")


def _doubtful(fact: AwardFact, bodies: _Bodies, title: str) -> bool:
    """A fact the readers agree on that the text does not pin down: said of television, a heading mixing
    nominees and winners, a body that only the context supplies in a piece naming several, or a subject that
    only a pronoun stands for in a sentence that credits another title. When unsure, say nothing."""
    sentence = fact.source.sentence
    if _TELEVISION.search(sentence) or _MIXED_HEADING.search(sentence):
        return True
    body = canonical_body(fact.award) if fact.award else None
    named = _bodies_in(sentence)
    if body and named and body not in named:
        return True  # the sentence names another body than the fact's
    if body and not named and len(bodies.everywhere) >= 3:
        # the body comes from the context, in a piece naming three bodies or more (an awards-season round-up):
        # the paragraph naming that body alone, the sentence before naming it alone, or a piece about that body
        at = bodies.index(fact)
        near = bodies.in_block(at) if at is not None else set()
        if near != {body} and bodies.main not in (body, "") and not bodies.named_before(at, body):
            return True
    if _HEADLINE_VERB.search(fact.subject):
        return True  # "The Monster Wins One at Last": a headline's words, not a name
    if (
        fact.category
        and fold(fact.subject) == fold(title)
        and _person_category(fact)
        and _other_people(sentence, title)
    ):
        return True  # "Cold War won ... Best Actress: Joanna Kulig": a person's prize, not the film's
    if fold(fact.subject.split()[-1]) not in fold(sentence):
        others = [t for t in _QUOTED_TITLE.findall(sentence) if fold(t) != fold(title)]
        if others:
            return True  # "It ... whose “Birdman” won": the winner is the quoted film, not "it"
    return False


_HEADLINE_VERB = re.compile(r"\b(?:[Ww]ins?|[Ww]on|[Tt]akes|[Nn]abs|[Ss]cores|[Ee]arns|[Ll]ands|[Gg]ets|[Ss]weeps)\b")


def _person_category(fact: AwardFact) -> bool:
    """The category is a person's (acting, directing, writing) in the catalogue."""
    known = catalogue().category(fact.category or "", body_named(fact.award))
    return known is not None and known.kind == "person"


def _other_people(sentence: str, title: str) -> bool:
    """The sentence names someone besides the film."""
    own = fold(title)
    return any(fold(n.text) not in own and own not in fold(n.text) for n in find_names(sentence) if " " in n.text)


class _Bodies:
    """The award bodies a review names, read once for all its facts: each sentence's (with repeats), all of
    them, and the one the piece is about."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.named = [_mentions(s.sentence) for s in spans]
        self.everywhere = {b for names in self.named for b in names}
        self.main = _main_body([b for names in self.named for b in names])

    def index(self, fact: AwardFact) -> int | None:
        """The sentence of the review that states the fact."""
        return next((i for i, s in enumerate(self.spans) if s.start == fact.source.start), None)

    def in_block(self, at: int) -> set[str]:
        """The bodies named in the paragraph of sentence `at`."""
        block = self.spans[at].block
        return {b for s, names in zip(self.spans, self.named, strict=True) if s.block == block for b in names}

    def named_before(self, at: int | None, body: str) -> bool:
        """The last sentence before `at` that names a body names this one only, in the same paragraph or the one
        before it ("... took home Best Actress at the BAFTAs." then "Her win was an upset over ...")."""
        if at is None:
            return False
        for i in range(at - 1, -1, -1):
            if self.spans[at].block - self.spans[i].block > 1:
                return False
            if self.named[i]:
                return set(self.named[i]) == {body}
        return False


def _main_body(mentions: list[str]) -> str:
    """The body a piece is about: named at least twice as often as any other ("" when it names one only or
    none, "?" when no body stands out)."""
    counts = Counter(mentions)
    ranked = [n for _, n in counts.most_common(2)]
    if len(ranked) <= 1:
        return ""
    return counts.most_common(1)[0][0] if ranked[0] >= 2 * ranked[1] else "?"


def _mentions(text: str) -> list[str]:
    """The canonical names of the award bodies a text names, once per mention."""
    cat = catalogue()
    return [b.name for m in cat.alias_re.finditer(text) if (b := cat.alias_body.get(normalise_key(m.group())))]


def _bodies_in(text: str) -> set[str]:
    """The canonical names of the award bodies a text names."""
    return set(_mentions(text))


def _key(subject: str, body: str | None, category: str | None, result: str) -> Key:
    """A fact as the two readers can compare it: body and category in the catalogue's canonical form."""
    name, canonical = canonical_award(body, category)
    return (subject.casefold(), name, canonical.casefold() if canonical else None, result)


def _agreed(rules: list[AwardFact], staged: list[AwardFact]) -> list[AwardFact]:
    """The facts both readers state: the same fact, or one reader's fact that the other states less specifically
    (the same subject and result, a body or category left open), shown in its more specific form when the
    reader stating it gives it only one such form ("won the Oscar" and "won Best Actor at the Oscars")."""
    ruled = [(_key(f.subject, f.award or None, f.category, f.result), f) for f in rules]
    read = [(_key(f.subject, f.award or None, f.category, f.result), f) for f in staged]
    out: dict[Key, AwardFact] = {}
    for rk, r in ruled:
        if any(rk == sk for sk, _ in read):
            out.setdefault(rk, r)
    for general, specific in ((ruled, read), (read, ruled)):
        for gk, _ in general:
            forms = {k: f for k, f in specific if k != gk and _within(gk, k)}
            if len(forms) == 1:
                out.setdefault(*next(iter(forms.items())))
    return list(out.values())


def _with_complete(shown: list[AwardFact], complete: list[AwardFact]) -> list[AwardFact]:
    """The agreed facts, and one reader's facts that a single construction states in full."""
    keys = {_key(f.subject, f.award or None, f.category, f.result) for f in shown}
    extra = [f for f in complete if _key(f.subject, f.award or None, f.category, f.result) not in keys]
    return [*shown, *extra]


def _within(general: Key, specific: Key) -> bool:
    """`specific` states `general` and more: the same subject and result, each field equal or left open."""
    return (
        general[0] == specific[0]
        and general[3] == specific[3]
        and all(g is None or g == s for g, s in zip(general[1:3], specific[1:3], strict=True))
    )


def _rules(spans: list[Span], text: str, title: str) -> list[AwardFact]:
    """The hand-written rules' facts."""
    drafts = [d for d in read_awards(spans, text, title) if d.body or d.category]
    # A subject with a film's own category anywhere ("Best Picture") is a film in all its facts.
    films = {d.subject for d in drafts if d.category and _FILM_CATEGORY.search(d.category)}
    return [_fact(d, title, films) for d in drafts]


def _unique_questions(facts: list[AwardFact]) -> tuple[AwardFact, ...]:
    """Facts that share a question but not an answer each name the others, so every question has one answer."""
    groups: dict[str, list[int]] = {}
    for i, f in enumerate(facts):
        groups.setdefault(f.question, []).append(i)
    out = list(facts)
    for question, members in groups.items():
        if len({facts[i].answer for i in members}) < 2:
            continue
        for i in members:
            f = facts[i]
            by_category = f.category is not None and f.answer == f.category
            others = _others([facts[j] for j in members if facts[j].answer != f.answer], by_category)
            key = "besides_category" if by_category else "besides_award"
            asked = question[:1].lower() + question[1:]
            out[i] = replace(f, question=phrase(_WORDING, key, others=others, question=asked))
    return tuple(out)


def _others(facts: list[AwardFact], by_category: bool) -> str:
    """The other facts' answers as a list ("A, B and C"), without repeats."""
    names: list[str] = []
    bodies = wording(_WORDING).get("bodies", {})
    for f in facts:
        name = (f.category or "") if by_category else _the(f.award, bodies.get(f.award, f.award))["the_award"]
        if name and name not in names:
            names.append(name)
    return names[0] if len(names) == 1 else phrase(_WORDING, "list", head=", ".join(names[:-1]), last=names[-1])


def _fact(d: Draft, title: str, films: set[str]) -> AwardFact:
    """One AwardFact from a draft of the rules."""
    film = d.subject if d.subject in films else _film_of(d, title)
    award = wording(_WORDING).get("bodies", {}).get(d.body, d.body) if d.body else ""
    return _worded(d.subject, film, d.body, award, d.category, d.result, d.span)


def _film_of(d: Draft, title: str) -> str:
    """The film a fact belongs to: the subject if it is another film, else the review's film."""
    other = re.search(r"\bin [\"“]([^\"”]+?)[,.]?[\"”]", d.span.sentence)
    if other and d.subject in d.span.sentence[: other.start()]:
        return other.group(1)
    star = re.search(
        rf"((?:The |A |An )?[A-Z][\w’']*(?: [A-Z][\w’']*)*) (?:star|actor|actress) {re.escape(d.subject)}",
        d.span.sentence,
    )
    if star:
        return star.group(1)
    if d.category and _FILM_CATEGORY.search(d.category) and d.subject != title:
        return d.subject  # a film's own category: the subject is a film
    looks_like_person = re.fullmatch(r"[A-Z][\w’'-]+(?: [A-Z][\w’'.-]+){1,3}", d.subject)
    if d.subject == title or (looks_like_person and not d.subject.startswith(("The ", "A ", "An "))):
        return title
    return d.subject


def _staged(f: Fact) -> AwardFact:
    """One AwardFact from a staged-reader fact (a body the wording table does not name takes its display name)."""
    found = body_named(f.body)
    award = wording(_WORDING).get("bodies", {}).get(f.body, found.display if found else f.body or "")
    return _worded(f.subject, f.film, f.body, award, f.category_shown, f.result, f.span)


def _worded(
    subject: str, film: str, body: str | None, award: str, category: str | None, result: AwardResult, span: Span
) -> AwardFact:
    """A fact with its question and answer from prompts/analysis_trivia.toml; `award` is the body as named there."""
    shape = "category" if body and category else "bare" if body else "nobody"
    key = f"{result}_{shape}"
    values = {"subject": subject, "award": award, "category": category or "", "film": film, **_the(body, award)}
    return AwardFact(
        subject=subject,
        film=film,
        award=body or "",
        category=category,
        result=result,
        question=phrase(_WORDING, key, **values),
        answer=_capital(phrase(_WORDING, f"{key}_answer", **values)),
        source=span.source,
    )


_NUMBER = (
    r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty"
)
# How a sentence counts a subject's nominations or wins ("14 total nods", "nominated for 4 Golden Globes",
# "(winning 2)", "won three Oscars"); a count is the answer only when the sentence gives exactly one of its kind.
_COUNTS = {
    "nominated": re.compile(
        rf"\b(?P<n>{_NUMBER})\s+(?:[\w’'-]+\s+){{0,3}}?(?:nominations?|nods?)\b|\bnominated for (?P<m>{_NUMBER})\b",
        re.I,
    ),
    "won": re.compile(
        rf"\b(?:won|wins|winning|took(?: home)?|picked up|collected|swept)\s+(?:an? |the )?(?P<n>{_NUMBER})\b"
        rf"(?!\s+(?:[\w’'-]+\s+){{0,3}}?(?:nominations?|nods?)\b)",
        re.I,
    ),
}


_ANY_NUMBER = re.compile(
    rf"(?<![$£€])\b(?:{_NUMBER})\b(?!\s*(?:%|percent|per cent|million|billion|minutes|mins|hours|years|stars))", re.I
)


def _counted(fact: AwardFact) -> AwardFact:
    """A fact without a category asked as its count, when its sentence gives exactly one count of its kind."""
    pattern = _COUNTS.get(fact.result)
    if fact.category is not None or not fact.award or pattern is None:
        return fact
    sentence = fact.source.sentence
    found = [m.group("n") or m.groupdict().get("m") for m in pattern.finditer(sentence)]
    counted = [m.span() for p in _COUNTS.values() for m in p.finditer(sentence)]
    stray = [
        m
        for m in _ANY_NUMBER.finditer(sentence)
        if m.group().lower() != "one" and not any(a <= m.start() < b for a, b in counted)
    ]  # "one of the year's best" is no count; "$2 billion" and "120 minutes" are no awards
    if len(found) != 1 or not found[0] or stray:
        return fact  # a number the count does not explain may be another count ("seven, with three to X")
    bodies = wording(_WORDING).get("bodies", {})
    values = {"subject": fact.subject, **_the(fact.award, bodies.get(fact.award, fact.award)), "count": found[0]}
    return replace(
        fact,
        question=phrase(_WORDING, f"{fact.result}_count", **values),
        answer=_capital(phrase(_WORDING, "count_answer", **values)),
    )


def _capital(answer: str) -> str:
    """An answer as members read it, starting with a capital ("acting prize" -> "Acting prize")."""
    return answer[:1].upper() + answer[1:]


def _the(body: str | None, shown: str) -> dict[str, str]:
    """ "the Oscars" for a body the catalogue knows, the name alone for any other ("Time magazine")."""
    known = body_named(body) is not None
    return {"the_award": f"the {shown}" if known else shown, "The_award": f"The {shown}" if known else shown}
