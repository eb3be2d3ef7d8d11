"""The review's main themes: recurring content words and word pairs."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from bot.analysis.text import Span

# Function words and words every film review uses; they are never themes.
_STOP_WORDS = """
    a about above after again against all almost also although always am among an and another
    any are around as at away back be because been before being below between both but by can
    could did do does doing done down during each either enough even ever every few for from
    further get gets getting give given gives going got had has have having he her here hers
    herself him himself his how however i if in into is it its itself just least less like made
    make makes making many may me might more most much must my myself never no nor not now of
    off often on once one only or other others our out over own perhaps quite rather really same
    see seems she should since so some something still such than that the their them themselves
    then there these they thing things this those though through thus to too toward under until
    up upon us very was way ways we well were what when where whether which while who whom whose
    why will with within without would yet you your yours film films movie movies story stories
    character characters scene scenes time times director performance performances review
    audience audiences viewer viewers cinema screen year years moment moments end part kind lot
    plot role roles actor actors actress picture pictures sense fact point world life people man
    woman women men new first last best good great little long right left feels feel seem seemed
    makes made takes take shows show presents offers remains become becomes work works full
    fully far level deeper deep real truly simply certainly undeniably particularly many most
    more less often rather always never ever someone something anything everything nothing two
    three four five second third half whole own come comes came find finds found alone need
    needs want wants look looks know knows think thinks said says help helps goes went yeah lead
    leads acceptance speech ceremony award awards nomination nominations prize prizes festival
    win wins oscar oscars winner nominee category
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[A-Za-z][a-z’'-]+")


def themes(spans: list[Span], exclude: set[str], limit: int = 3) -> list[tuple[str, Span]]:
    """Up to `limit` recurring themes, each with the first sentence that names it."""
    # Counted once per paragraph: a theme recurs across the review, not within one passage.
    seen: dict[int, set[str]] = {}
    for span in spans:
        seen.setdefault(span.block, set()).update(_keys(span.sentence, exclude))
    counts: Counter[str] = Counter(k for keys in seen.values() for k in keys)
    if len(seen) <= 3:
        # A one-paragraph capsule: count sentences instead of paragraphs.
        counts = Counter(k for span in spans for k in _keys(span.sentence, exclude))
    nouns = _nouns(spans)
    ranked = sorted(
        (k for k, v in counts.items() if v >= 2 and not _adjective(k) and k.split()[-1] in nouns),
        key=lambda k: (-(counts[k] * (2.5 if " " in k else 1)), k),
    )
    picked: list[str] = []
    for key in ranked:
        if not any(set(key.split()) & set(p.split()) for p in picked):
            picked.append(key)
        if len(picked) == limit:
            break
    return [(_surface(spans, k), _first(spans, k)) for k in picked]


def _keys(sentence: str, exclude: set[str]) -> set[str]:
    """Content words and content word pairs of a sentence."""
    words = [_norm(w) for w in _WORD.findall(sentence) if w[0].islower()]
    keys = {w for w in words if w not in _STOP and w not in exclude and len(w) > 3}
    pairs = itertools.pairwise(words)
    keys.update(f"{a} {b}" for a, b in pairs if a not in _STOP and b not in _STOP and a not in exclude)
    return keys


def _nouns(spans: list[Span]) -> set[str]:
    """Words the review uses after a determiner or preposition at least once (so, nouns)."""
    found = set()
    for span in spans:
        for m in _AFTER_DETERMINER.finditer(span.sentence):
            found.add(_norm(m.group(1) or m.group(2)))
    return found


_AFTER_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|his|her|their|this|that)\s+(?:[a-z-]+\s+)?([a-z][a-z’'-]+)\b"
    r"|\b(?:of|about|on|with|for|in)\s+([a-z][a-z’'-]+)\b(?!\s+(?:the|a|an|his|her)\b)"
)


def _surface(spans: list[Span], key: str) -> str:
    """The form the review uses most ("sex workers"), with "the" where it usually has one."""
    pattern = re.compile(r"(\b(?:the|a|an)\s+)?\b" + r"s?\s+".join(map(re.escape, key.split())) + r"s?\b", re.I)
    matches = [m for s in spans for m in pattern.finditer(s.sentence)]
    if not matches:
        return key
    form = Counter(m.group()[len(m.group(1) or "") :].lower() for m in matches).most_common(1)[0][0]
    with_article = sum(1 for m in matches if m.group(1))
    if with_article * 2 > len(matches) or _countable(form):
        return f"the {form}"
    return form


_MASS = re.compile(
    r"(?:ism|ness|ity|tion|sion|ment|ance|ence|dom|ship|hood|ure|age|cy|ing|ics|ice)$"
    r"|^(?:love|grief|class|power|money|fear|faith|memory|desire|loss|guilt|shame|race|gender|art|work|sex|"
    r"death|time|media|family|history|violence|music|food|war|home|youth|hope|truth)$"
)


def _countable(form: str) -> bool:
    """A single singular count noun reads better with "the" ("the lawyer", not "lawyer")."""
    if form in ("ending", "beginning", "opening", "wedding", "painting", "building", "meeting", "recording"):
        return True
    return " " not in form and not form.endswith("s") and not _MASS.search(form)


def _norm(word: str) -> str:
    """Lower case, simple plural folded ("workers" -> "worker")."""
    word = re.sub(r"[’']s$", "", word.lower()).strip("’'-")
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _adjective(key: str) -> bool:
    """Adverbs and common adjective endings make poor themes on their own."""
    last = key.split()[-1]
    if re.match(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|half|\d+)-|[a-z]+-and-[a-z]+", last):
        return True  # "three-hour", "black-and-white": compound adjectives
    return bool(re.search(r"(?:ly|ous|ful|ive|ible|able|ic|ed|ing)$", last)) and last not in (
        "perspective",
        "narrative",
        "feeling",
        "being",
        "ending",
        "meaning",
        "upbringing",
    )


def _first(spans: list[Span], key: str) -> Span:
    """The first sentence that names the theme."""
    for span in spans:
        words = [_norm(w) for w in _WORD.findall(span.sentence)]
        if key in " ".join(words):
            return span
    return spans[0]
