"""Short, checked evidence for the prompt templates: aspects, the critic's stance, evaluative phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.analysis.film_ref import names_film
from bot.analysis.names import find_names, fold, full_name
from bot.analysis.text import Span, display
from bot.wording import wording

_MAX_PHRASE = 15  # words of an evaluative phrase quoted back to the club
_STOP = r"[.;:!?()\[\]—–\"“”]"


@dataclass(frozen=True)
class Claim:
    """An evaluative phrase the review applies to a subject: the film, an aspect, a person."""

    kind: str  # "film", "aspect", "ending" or "performance"
    subject: str
    phrase: str
    verb: str
    span: Span


@cache
def _lists() -> tuple[dict[str, list[str]], dict[str, str], frozenset[str], frozenset[str]]:
    data = wording("aspects_list")
    stance = data["stance"]
    return data["aspects"], data["labels"], frozenset(stance["positive"]), frozenset(stance["negative"])


def labels() -> dict[str, str]:
    """The poll label of each aspect ("look", "music and sound")."""
    return _lists()[1]


def stance(sentence: str) -> int:
    """Positive minus negative evaluative words of a sentence."""
    pos, neg = stance_counts(sentence)
    return pos - neg


# A negator shortly before an evaluative word turns it round ("not a masterpiece", "never boring"), as sentiment
# lexicons do (VADER looks three words back); written here because the aspects lexicon is the project's own.
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "hardly",
        "barely",
        "scarcely",
        "nothing",
        "nobody",
        "none",
        "neither",
        "nor",
        "without",
        "cannot",
        "lacks",
        "lacking",
    ]
)
_NEGATION_REACH = 3  # words back, not counting the light ones ("not quite a masterpiece", "not call it a ...")
_LIGHT = frozenset(
    [
        "a",
        "an",
        "the",
        "it",
        "its",
        "this",
        "that",
        "quite",
        "really",
        "very",
        "so",
        "all",
        "exactly",
        "particularly",
        "entirely",
        "be",
        "is",
        "was",
    ]
)


def stance_counts(sentence: str) -> tuple[int, int]:
    """The positive and the negative evaluative words of a sentence, a negated one counted on the other side."""
    _, _, pos, neg = _lists()
    low = re.sub(r"n[’']t\b", " not", sentence.lower())
    tokens = re.findall(r"[a-zé][a-zé-]*", low)
    p = n = 0
    for i, t in enumerate(tokens):
        if t not in pos and t not in neg:
            continue
        back = [w for w in tokens[max(0, i - 3 * _NEGATION_REACH) : i] if w not in _LIGHT][-_NEGATION_REACH:]
        flipped = any(w in _NEGATORS for w in back)
        if (t in pos) != flipped:
            p += 1
        else:
            n += 1
    return p, n


def aspect_stances(spans: list[Span]) -> dict[str, tuple[int, Span]]:
    """Each aspect the review comments on evaluatively: its summed stance and its first evaluative sentence."""
    aspects = _lists()[0]
    out: dict[str, tuple[int, Span]] = {}
    for span in spans:
        low = span.sentence.lower()
        if span.sentence.rstrip().endswith("?") or _award(span.sentence):
            continue  # "Best Screenplay" praises no script
        for aspect, cues in aspects.items():
            s = sum(
                _near_stance(low, m.start(), m.end())
                for c in cues
                for m in re.finditer(rf"\b{re.escape(c)}\b", low)
                if not _CATEGORY_BEFORE.search(span.sentence[: m.start()])
            )
            if s:
                total, first = out.get(aspect, (0, span))
                out[aspect] = (total + s, first)
    return out


def aspect_of(sentence: str) -> str | None:
    """The first aspect (performance, direction, script ...) a sentence mentions, if any."""
    low = sentence.lower()
    for aspect, cues in _lists()[0].items():
        if any(re.search(rf"\b{re.escape(c)}\b", low) for c in cues):
            return aspect
    return None


_REACH = 6  # words: an evaluative word counts for an aspect only this close to it ("the script is sharp")


# "Best Cinematography", "Outstanding Editing": a category name, which praises nothing
_CATEGORY_BEFORE = re.compile(r"\b(?:[Bb]est|[Oo]utstanding|[Aa]chievement in)(?: [A-Za-z][\w-]*)?\s*$")


def _near_stance(low: str, start: int, end: int) -> int:
    """The stance of the words around one aspect cue, so praise of something else in the sentence is not the
    aspect's ("the screenplay of Good Night is better than its acting" does not praise this film's script)."""
    before = re.findall(r"[a-zé][a-zé-]*", low[:start])[-_REACH:]
    after = re.findall(r"[a-zé][a-zé-]*", low[end:])[:_REACH]
    return stance(" ".join(before + after))


def _evaluative(phrase: str) -> bool:
    _, _, pos, neg = _lists()
    return any(t in pos or t in neg for t in re.findall(r"[a-zé][a-zé-]*", phrase.lower()))


def _phrase_ok(phrase: str) -> bool:
    """A whole, short, evaluative phrase: no cut quotation, no pronoun, 1-15 words."""
    n = len(phrase.split())
    if not 1 <= n <= _MAX_PHRASE or not _evaluative(phrase):
        return False
    if re.search(r"\b(?:I|me|my|we|us|our|you|he|she|they|it|this|that|which|who)\b", phrase):
        return False
    return phrase.count("‘") == phrase.count("’") or not re.search(r"‘", phrase)


# "by no means a perfect film", "hardly a triumph": the critic says the opposite
_NEGATED = re.compile(
    r"\b(?:not|no|never|hardly|far from|by no means|nothing like|isn[’']t|wasn[’']t)\W+(?:\w+\W+)?$", re.I
)
# "Not that this is an inherently bad film": the sentence denies what it says
_DENIED = re.compile(r"(?:Not that|It[’']s not that|Far from|Hardly|Not because)\b", re.I)
# after the noun: the phrase's end, not a noun it modifies ("a great package of film benefits")
_ENDS = r"(?=\s*(?:[.,;:!?)—–]|$| (?:that|which|who|with|about|of|from|in|for|and|but|to|by|on|as|where|whose|set|told|like|than|yet)\b))"
_NOUNS = r"(?:film|movie|drama|thriller|comedy|debut|work|portrait|picture|story|tale|piece|achievement|triumph)"


def claims(spans: list[Span], title: str) -> list[Claim]:
    """Evaluative phrases about the film, its crafts and its people, in the review's order."""
    aspects = _lists()[0]
    film = rf"(?P<subj>{re.escape(title)}|[Tt]he (?:film|movie))"
    craft_words = "|".join(re.escape(c) for k, v in aspects.items() if k != "performance" for c in v if " " not in c)
    craft = rf"(?P<subj>[Tt]he (?:film[’']s |movie[’']s )?(?:{craft_words}))"
    copula = r"(?:,[^,]{3,80},)? (?P<verb>is|was|feels|remains|proves|looks|sounds)"
    adj = r"(?P<phrase>(?:(?:not )?(?:\w+ly )?[a-zé-]+(?:,? and (?:\w+ly )?[a-zé-]+)?))(?=[.,;:!—–]| but| and| as| in| with)"
    noun = rf"(?P<phrase>an? [^.;:!?—–\"“”]{{3,90}}?\b{_NOUNS})\b{_ENDS}"
    patterns = [
        ("film", re.compile(rf"\b{film}{copula} {noun}")),
        ("film", re.compile(rf"\b{film}{copula} {adj}")),
        ("aspect", re.compile(rf"\b{craft}{copula} {adj}")),
        (
            "described",
            re.compile(
                rf"(?P<subj>)\b(?P<verb>)(?P<phrase>(?:an?|one of the (?:most|best|finest)) (?:[\w-]+,? (?:and )?){{1,4}}?{_NOUNS}s?)\b{_ENDS}"
            ),
        ),
    ]
    out: list[Claim] = []
    for span in spans:
        s = display(span.sentence)
        if s.endswith("?") or _award(s):
            continue
        for kind, pattern in patterns:
            for m in pattern.finditer(s):
                phrase = m.group("phrase").strip(" ,")
                subject = m.group("subj")
                before = s[max(0, m.start("phrase") - 25) : m.start("phrase")]
                if not _phrase_ok(phrase) or _NEGATED.search(before) or _DENIED.match(s):
                    continue
                subj_low = subject.lower()
                found = "ending" if kind == "aspect" and any(w in subj_low for w in aspects["ending"]) else kind
                if found == "described" and (
                    find_names(phrase) or any(c.span == span for c in out) or not _about_film(s, title)
                ):
                    continue  # another film's description ("a Tom Hanks vehicle"), or one claim per sentence
                out.append(Claim(found, subject if subject == title else subj_low, phrase, m.group("verb"), span))
        out.extend(_performance_claims(span, s, spans, title))
        if not any(c.span == span for c in out):
            out.extend(_said(span, s, title))
    return out


# "The script begins as a sad exercise in exposition--half-hearted ...": a subject the club knows (the film, a
# craft) and what the review says it does, quoted up to the clause's end.
_SUBJECT_NOUNS = (
    r"film|movie|story|plot|script|screenplay|dialogue|ending|finale|cast|acting|performances|direction|"
    r"cinematography|photography|camerawork|visuals|score|soundtrack|music|editing|pacing|humou?r|tone|premise|"
    r"narrative|characters|twist|climax|set pieces|production design|effects|special effects"
)
_VERB = re.compile(
    r"(?:[a-z]+(?:s|ed)|is|was|are|were|has|had|can|could|never|rarely|often|only|still|feels|keeps|makes)$"
)


def _said(span: Span, s: str, title: str) -> list[Claim]:
    """What the review says the film or a craft does, when the sentence judges it: a short, whole clause."""
    m = re.match(
        rf"(?:[^,;:]{{3,50}}, )?(?P<subj>(?:[Tt]he|[Tt]his|[Ii]ts) (?:[a-z-]+ )?(?:{_SUBJECT_NOUNS})|{re.escape(title)}) "
        r"(?P<phrase>[a-z][^,;:()“”\"—–]{8,120}?)(?=\s*(?:[,;:()—–]|--|\.$|!$| but | and yet | while | which | though ))",
        s,
    )
    if not m or not _evaluative(s) or _NEGATED.search(m.group("phrase")[:30]):
        return []
    phrase = m.group("phrase").strip()
    first = phrase.split()[0]
    if not _VERB.match(first) or not 3 <= len(phrase.split()) <= _MAX_PHRASE or _PRONOUN_IN.search(phrase):
        return []
    cut = s[m.end("phrase") :].lstrip()[:1] == ","
    if re.search(r"\b(?:a|an|the|of|to|with|for|in|on|at|by|from|very|so|too|more|most|its|their)$", phrase) or (
        cut and re.search(r"\b(?:a|an|the|its|their|his|her)\s+\S+$", phrase)
    ):
        return []  # "keeps close to a delicate, ponderous theme": the clause's noun would be cut
    subject = m.group("subj")
    subject = subject if subject == title else subject[0].lower() + subject[1:]
    return [Claim("said", subject, phrase, "", span)]


_PRONOUN_IN = re.compile(r"\b(?:I|me|my|we|us|our|you|your)\b")


_PERSON = r"(?P<person>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})"
_PERFORMANCE = [
    re.compile(
        rf"{_PERSON}[’']s? (?:\w+ ){{0,2}}(?:performance|turn) (?P<verb>is|was) (?P<phrase>(?:\w+ly )?[a-z-]+(?: and (?:\w+ly )?[a-z-]+)?)\b"
    ),
    re.compile(
        rf"{_PERSON},? (?:who )?(?P<verb>gives|delivers) (?P<phrase>(?:an?|the|one of (?:his|her|their)) [^.;:!?—–,\"“”]{{2,60}}?(?:performances?|turns?))\b"
    ),
    re.compile(rf"{_PERSON} (?P<verb>is|was) (?P<phrase>(?:\w+ly )?[a-z-]+(?: and (?:\w+ly )?[a-z-]+)?) as\b"),
]


def _performance_claims(span: Span, s: str, spans: list[Span], title: str) -> list[Claim]:
    """ "X gives a fiercely committed performance", "X's turn is superb", "X is terrific as Y"."""
    out = []
    for pattern in _PERFORMANCE:
        for m in pattern.finditer(s):
            person = _person(m.group("person"), spans, title)
            if person and _phrase_ok(m.group("phrase")):
                out.append(Claim("performance", person, m.group("phrase"), m.group("verb"), span))
    return out


def _person(name: str, spans: list[Span], title: str) -> str | None:
    """The full name of a person the review names (two words at least), never the title."""
    if fold(name) == fold(title) or name.split()[0] in ("The", "This", "That", "It", "A", "An", "His", "Her"):
        return None
    known = _known(tuple(spans))
    full = full_name(name, known)
    return full if " " in full and fold(full) != fold(title) else None


@cache
def _known(spans: tuple[Span, ...]) -> list[str]:
    return [n.text for span in spans for n in find_names(span.sentence)]


def _about_film(sentence: str, title: str) -> bool:
    """A sentence that speaks of the reviewed film: it names it (or opens "It is ...") and no other dated film."""
    if re.search(r"\(\d{4}\)|\b(?:19|20)\d\d[’']s [A-Z]", sentence):
        return False
    return bool(names_film(sentence, title)) or bool(re.match(r"(?:It|This)(?:[’']s| is| was| remains)\b", sentence))


def _award(sentence: str) -> bool:
    """An award statement ("won best cinematography", "nominated", "the Palme d'Or")."""
    return bool(
        re.search(r"\b(?:Oscars?|BAFTAs?|Golden (?:Globe|Lion|Bear)s?|Palme|nominat\w+|Academy Awards?)\b", sentence)
        or re.search(
            r"\b(?:won|wins|winning|picked up|took home|takes home|collected|for) (?:the )?best\b", sentence, re.I
        )
    )
