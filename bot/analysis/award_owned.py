"""Awards stated by a possessive ("Garcia's Silver Bear") or an adjective ("Oscar-winning")."""

from __future__ import annotations

import re

from bot.analysis import cues as c
from bot.analysis.award_categories import categories
from bot.analysis.award_draft import Draft
from bot.analysis.lexicon import PRIZE, find_bodies
from bot.analysis.text import Span
from bot.models import AwardResult

_POSSESSIVE = re.compile(
    rf"([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s (?:(?:first|second|latest|surprise|big) )?(?:{PRIZE}|win|victory|nomination|nod)\b"
)


# "Oscar-winning actress X", "Best Picture nominee X": an award stated as an epithet.
ADJECTIVE = re.compile(
    r"(?:(?P<body>Oscar|Academy Award|BAFTA|Golden Globe|Emmy|C[ée]sar|Palme d[’']Or)"
    r"|(?P<cat>(?:Best|Outstanding) [A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*))[- ](?P<how>winning|winner|nominated|nominee)"
    r"\s+(?:[a-z-]+\s+){0,2}(?P<who>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*)"
)


def possessive_prizes(s: str, span: Span, index: int) -> list[Draft]:
    """ "Garcia's Silver Bear for Best Actress": a prize owned is a prize won."""
    out: list[Draft] = _adjectives(s, span, index)
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
        result: AwardResult = "won" if m.group("how").startswith("win") else "nominated"
        body = find_bodies(m.group("body"))[0][2] if m.group("body") else None
        out.append(Draft(m.group("who"), body, m.group("cat"), result, span, index))
    return out
