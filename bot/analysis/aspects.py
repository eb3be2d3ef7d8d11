"""Open questions on what a review singles out: a performance, or a craft (score, script, ending)."""

from __future__ import annotations

import re
from functools import lru_cache
from string import Template

from bot.analysis.lexicon import find_bodies
from bot.analysis.names import find_names, fold, full_name
from bot.analysis.text import Span
from bot.analysis.verdict import award_news, judge
from bot.wording import wording

_W = "analysis_prompts"
_WORD = r"[A-Z][\w’'-]*[a-zà-ÿ][\w’'-]*"  # a capitalised word with a lower-case letter ("McAdams", not "KUOLLEET")
_PERSON = rf"(?P<person>{_WORD}(?: {_WORD}){{1,2}})"
_ONE = r"(?P<person>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})"
_PERFORMANCE = (
    re.compile(
        rf"{_PERSON}(?:[’']s? (?:[\w-]+ ){{0,2}}(?:performance|turn)\b|,? (?:plays|stars as)\b|,?(?: who)? (?:gives|delivers) (?:\w+ ){{0,5}}?(?:performance|turn)s?\b"
        rf"|,?(?: who)? is (?:\w+ )?(?:superb|terrific|excellent|wonderful|brilliant|great|moving|magnetic|"
        rf"convincing|good|fine|astonishing|extraordinary)\b)"
    ),
    re.compile(rf"\b(?:played|performed|portrayed) (?:with [\w\s-]{{1,40}}? )?by (?:[a-z-]+ ){{0,3}}{_PERSON}"),
    re.compile(rf"\b(?:[Rr]ising star|[Nn]ewcomer) {_ONE} (?:impresses|shines|excels|is)\b"),
    # "Pádraic Súilleabháin (Colin Farrell)": a character and, in brackets, the actor
    re.compile(rf"\b(?P<char>{_WORD}(?: {_WORD})?) \({_PERSON}\)"),
    # "with Nicolas Cage as the main character", "Tilda Swinton in the title role"
    re.compile(
        rf"{_PERSON},? (?:as|in) (?:the|a|an) (?:main |lead |leading |title |central )?(?:character|role|lead|protagonist)\b"
    ),
    # "goes out to Mark Ruffalo as Mike Rezendes": an actor and the character they play
    re.compile(rf"{_PERSON},? as (?:(?:the |a |an )?[a-z-]+ ){{0,2}}(?P<char>{_WORD}(?: {_WORD})?)"),
)
_CRAFT = re.compile(
    r"\b(?P<craft>score|cinematography|photography|screenplay|script|editing|pacing|ending|soundtrack|"
    r"dialogue|production design|costumes|camera(?:work| work)?|visual effects|sound design)\b",
    re.I,
)


def performers(spans: list[Span], title: str, limit: int = 5) -> list[str]:
    """The full names of the people whose performances the review discusses, in its order."""
    known = [n.text for span in spans for n in find_names(span.sentence)]
    return [full_name(p, known) for p in _people(spans, title, limit)]


# "director Jacques Audiard", "directed by X", "Audiard's film": the maker
_MAKER = re.compile(
    r"(?:[Dd]irector|[Ff]ilmmaker|[Dd]irected by|[Ww]riter-director) (?:[A-Z][\w’'-]+ )*([A-Z][\w’'-]+)"
    r"|([A-Z][\w’'-]+)[’']s (?:new |latest |last )?(?:film|movie|drama|feature)\b"
)


def roles(spans: list[Span], title: str) -> dict[str, str]:
    """The characters the review names with their actors ("Ani (Mikey Madison)"), actor -> character."""
    out: dict[str, str] = {}
    for span in spans:
        for pattern in _PERFORMANCE:
            for m in pattern.finditer(span.sentence):
                if "char" in pattern.groupindex and m.group("char") and fold(m.group("char")) != fold(title):
                    out.setdefault(m.group("person"), m.group("char"))
    return out


def _people(spans: list[Span], title: str, limit: int) -> dict[str, Span]:
    """Up to `limit` people the review names with their performance, and the sentence it does so in."""
    return dict(list(_all_people(tuple(spans), title).items())[:limit])


@lru_cache(maxsize=32)  # asked by the prompts, the context prompts and the polls of one review
def _all_people(spans: tuple[Span, ...], title: str) -> dict[str, Span]:
    """Every person the review names with their performance, the most named first."""
    people: dict[str, Span] = {}
    news = award_news(spans, title)
    makers = {m.group(1) or m.group(2) for s in spans for m in _MAKER.finditer(s.sentence)}
    for span in spans:
        if find_bodies(span.sentence) or span.sentence.rstrip().endswith("?") or judge(span.sentence, title).award:
            continue  # award statements and questions are prompts of their own
        for pattern in _PERFORMANCE:
            if news and "char" in pattern.groupindex:
                continue  # in award news "Name (Title)" credits a film, not a character
            for m in pattern.finditer(span.sentence):
                if m.group("person") in makers or m.group("person").split()[-1] in makers:
                    continue  # the director, not a performer
                if re.search(r"[’']s\b", m.group("person")):
                    continue  # "Hobie Brown's Spider-Punk is a moving collage": a possession, not a person
                if fold(m.group("person")) != fold(title):
                    people.setdefault(m.group("person"), span)
    # the most named first: the lead before a bit part named once in brackets
    text = " ".join(s.sentence for s in spans)
    ranked = sorted(people, key=lambda p: -len(re.findall(rf"\b{re.escape(p.split()[-1])}\b", text)))
    return {p: people[p] for p in ranked}


def aspect_questions(spans: list[Span], title: str) -> list[tuple[str, Span]]:
    """Up to three performances and two crafts the review comments on, as open questions."""
    templates: dict[str, str] = wording(_W)["aspects"]
    people = _people(spans, title, 3)
    crafts: dict[str, Span] = {}
    for span in spans:
        if find_bodies(span.sentence) or span.sentence.rstrip().endswith("?"):
            continue
        for m in _CRAFT.finditer(span.sentence):
            if len(crafts) < 2:
                crafts.setdefault(m.group("craft").lower(), span)
    known = [n.text for span in spans for n in find_names(span.sentence)]
    out = [
        (Template(templates["performance"]).substitute(person=full_name(p, known), title=title), s)
        for p, s in people.items()
    ]
    out += [(Template(templates["craft"]).substitute(craft=c, title=title), s) for c, s in crafts.items()]
    return out
