"""Awards stated by a possessive ("Garcia's Silver Bear") or an adjective ("Oscar-winning")."""

from __future__ import annotations

import re

from bot.analysis import cues as c
from bot.analysis.award_categories import categories
from bot.analysis.award_draft import Draft
from bot.analysis.lexicon import PRIZE, find_bodies
from bot.analysis.names import COMMON
from bot.analysis.subjects import FILM, PERSON
from bot.analysis.text import Span
from bot.models import AwardResult

_POSSESSIVE = re.compile(
    rf"([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s (?:(?:first|second|latest|surprise|big) )?(?:{PRIZE}|win|victory|nomination|nod)\b"
)


# "Oscar-winning actress X", "Best Picture nominee X", "a Critics' Choice winner": an award stated as an epithet.
ADJECTIVE = re.compile(
    r"(?:(?P<prize>(?:Palme|Cam[ée]ra) d[’'][Oo]r)"  # "the Palme d'Or-winning Titane": the small "d'" breaks a name
    r"|(?P<cat>(?:Best|Outstanding) [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)"
    r"|(?P<body>[A-Z][\w’'.]*(?: [A-Z][\w’'.]*){0,3}?))[- ](?P<how>winning|winner|nominated|nominee)\b"
)
_NAME = r"[A-ZÀ-Þ][\w’'.-]*(?: (?:de |van |von |del |da )?[A-ZÀ-Þ][\w’'.-]*)*"
# The person the epithet describes: the name it follows (apposition or a clause subject) ...
_APPOSED = re.compile(
    rf"(?:^|[,;(]\s*|\b(?:and|but|as)\s+)({_NAME})(?<![’']s),?\s+(?:(?:is|was|remains|became|as)\s+)?"
    r"(?:(?:the|a|an|already|now|once|also|herself|himself|another|still)\s+)*(?:[\w-]+-time\s+)?$"
)
# ... the owners of a credit ("Triet and Arthur Harari's BAFTA-winning screenplay") ...
# (only for a credit: "Hollywood's Oscar-winning elite" or "Sony's BAFTA-nominated thriller" name no winner)
_CRAFT_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:screenplay|script|score|music|songs?|performances?|turn|portrayal|cinematography|"
    r"editing|direction|design|costumes?|camerawork|photography|writing)\b"
)
_OWNERS = re.compile(rf"({_NAME}(?:,? and {_NAME})*)[’']s\s+(?:[\w-]+-time\s+)?$")
_PRONOUN_IS = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but)\s+)(?:[Ss]he|[Hh]e)\s+(?:is|was|remains|became)\s+(?:(?:a|an|the|already|now|also)\s+)*"
    r"(?:[\w-]+-time\s+)?$"
)
# ... the maker of a credit after it ("the BAFTA-winning score by Kai Lenz") ...
_CREDIT_BY = re.compile(
    rf"\s+(?:[a-z-]+\s+)?(?:score|screenplay|script|editing|cinematography|music|songs?|design|costumes?|"
    rf"direction|editing)\s+by\s+({_NAME})"
)
# ... or the name right after it ("Oscar-winning actress Frances McDormand"), not after a preposition.
_AFTER = re.compile(rf"\s+(?:(?!(?:of|for|in|at|by|from|with|on|to)\b)[a-z-]+\s+){{0,2}}({_NAME})")


_NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)"
# "the film's nine Oscar nominations", "its three Baftas wins": a count the film owns.
FILM_COUNT = re.compile(
    rf"\b(?:[Tt]he (?:film|movie|picture)[’']s|[Ii]ts) {_NUMBER} (?P<body>[A-Z][\w-]*(?: [A-Z][\w-]*)? )?"
    r"(?P<what>nominations|nods|wins)\b"
)
# A title after a festival prize's epithet may hold small words ("Palme d'Or-winning Triangle of Sadness").
_TITLE_AFTER = re.compile(r"\s+([A-ZÀ-Þ][\w’'-]*(?:(?: (?:of|the|a|an|in|on|and|at|to))* [A-ZÀ-Þ][\w’'-]*)*)")


def possessive_prizes(s: str, span: Span, index: int) -> list[Draft]:
    """ "Garcia's Silver Bear for Best Actress": a prize owned is a prize won."""
    out: list[Draft] = _adjectives(s, span, index)
    for m in FILM_COUNT.finditer(s):
        if c.NEGATION.search(s[c.comma_start(s, m.start()) : m.start()]):
            continue
        body = find_bodies(m.group("body") or "")
        counted: AwardResult = "won" if m.group("what") == "wins" else "nominated"
        out.append(Draft(FILM, body[0][2] if body else None, None, counted, span, index, count=True))
    for m in _POSSESSIVE.finditer(s):
        cats = categories(s, m.end(1), min(len(s), m.end() + 30))
        if cats and not c.NEGATION.search(s[c.comma_start(s, m.start()) : m.start()]):
            body = find_bodies(cats[0][0])
            # "X's nomination" states a nomination; "X's Silver Bear" or "X's win" a win.
            result: AwardResult = "nominated" if re.search(r"(?:nomination|nod)$", m.group()) else "won"
            out.append(Draft(m.group(1), body[0][2] if body else None, cats[0][0], result, span, index))
    return out


def _adjectives(s: str, span: Span, index: int) -> list[Draft]:
    """ "Oscar-winning actress Frances McDormand": the adjective states an award of the person."""
    out = []
    for m in ADJECTIVE.finditer(s):
        body, start = None, m.start()
        category = m.group("cat")
        if m.group("prize"):
            body, category = find_bodies(m.group("prize"))[0][2], m.group("prize")
        elif m.group("body"):
            found = find_bodies(m.group("body"))
            if not found or found[-1][1] != len(m.group("body")):
                continue  # "a winner of a film": no award body named right before
            body, start = found[-1][2], m.start() + found[-1][0]
        if c.NEGATION.search(s[c.comma_start(s, start) : start]):
            continue
        result: AwardResult = "won" if m.group("how").startswith("win") else "nominated"
        count = bool(re.search(r"[\w-]+-time\s+$", s[:start]))
        clause = re.match(r"[^,;()]*", s[m.end() :])
        named = categories(s, m.end(), m.end() + (clause.end() if clause else 0))
        if category is None and named and re.match(r"\s+for\s+(?:Best|Outstanding)\b", s[m.end() :]):
            category = named[0][0]  # "A Golden Globe winner for Best Motion Picture – Musical or Comedy, the film"
        titled = _TITLE_AFTER.match(s, m.end()) if m.group("prize") else None
        described = [titled.group(1)] if titled else _described(s, start, m.end())
        for who in described:
            out.append(Draft(who, body, category, result, span, index, count=count))
    return out


def _described(s: str, start: int, end: int) -> list[str]:
    """Who an epithet describes: the name after it, a credit's owners, or an apposed name."""
    credit = _CREDIT_BY.match(s, end)
    if credit:
        return [credit.group(1)]  # "the BAFTA-nominated score by Kai Lenz": the credit's maker
    after = _AFTER.match(s, end)
    if after and not find_bodies(after.group(1)):
        return [after.group(1)]
    before = s[max(0, start - 80) : start]
    owners = _OWNERS.search(before)
    if owners and _CRAFT_AFTER.match(s, end):
        return [x for x in re.split(r",? and |, ", owners.group(1)) if x]
    apposed = _APPOSED.search(before)
    if apposed and apposed.group(1).split()[0] not in COMMON:
        return [apposed.group(1)]
    if _PRONOUN_IS.search(before):
        return [PERSON]  # "She is a two-time Oscar nominee": whoever "she" is in the context
    if re.fullmatch(r"\s*(?:An?|The)\s+(?:[\w-]+-time\s+)?", s[:start]):
        # "A BAFTA winner for Dunes, Ben Ode is back": an opening apposition describes the next name
        named = re.match(rf"[^,;]*,\s+({_NAME})", s[end:])
        if re.match(r"[^,;]*,\s+(?:the|this) (?:film|movie|picture)\b", s[end:]):
            return [FILM]  # "A Golden Globe winner for Best Comedy, the film is ...": the reviewed film
        return [named.group(1)] if named and named.group(1).split()[0] not in COMMON else []
    return []
