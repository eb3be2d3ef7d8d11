"""Proper names in a sentence, and resolving a surname to the full name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.analysis.lexicon import CATEGORY_RE, _bodies, find_bodies

_TOKEN = r"(?:Jr\.|Sr\.|(?:[A-Z]\.){2,3}(?=\s[A-Z])|[A-Z]\.(?=\s[A-Z])|[A-ZÀ-Þ][\w-]*(?:['’][A-Z][\w-]*)?)"
_INNER = r"(?:of|the|on|a|an|at|de|del|della|di|da|du|des|la|le|van|von|der|y|in(?= the)|and(?= a | the ))"
_SEP = rf"(?:\s+(?:{_INNER}\s+)*|['’]s\s+(?!(?:The|A|An)\s)|:\s(?=The\s))"
NAME_RE = re.compile(rf"{_TOKEN}(?:{_SEP}{_TOKEN})*")
# Capitalised words that open sentences or clauses without being names.
_COMMON_WORDS = """
    A An The This That These Those It Its It's He She They We I You His Her Him Their Our My
    Your In On At With Without While Whilst When If As After Before But And Or So Yet However
    Instead Still Well Although Though Even Only Also Then There Here What Who Why How Where
    Which For From By To Of Not No Yes Edit Note Despite Since Because Now Later Meanwhile
    Finally First Second Third Last Indeed Perhaps Maybe Really Actually Unfortunately
    Fortunately Sadly Fair Formally Other Another Some Many Most All Every Each Both One Two
    Three Adding Getting Starring Naming Framing Rising Opening Written Directed Share Like
    Unlike Just Best Surely Clearly Sure Ultimately Overall Together Whether Does Did Do Is Was
    Are Were Has Have Had Can Could Will Would Should Must May Might Let Nonetheless
    Nevertheless Furthermore Moreover Besides Otherwise Thus Hence Anyway Yeah Oh Ah Sadly Earlier
    Recently Eventually Soon Today Tonight Yesterday Again Elsewhere Once Twice Sometimes Often
    Luckily Oddly Interestingly Notably Mr Mrs Ms Dr Mx Sir Dame Having Being
"""
COMMON = frozenset(_COMMON_WORDS.split())
# Capitalised only because they open a sentence, and never a name on their own ("Five years after ...",
# "Back home, it ..."); unlike COMMON they stay when a name follows ("Seven Samurai").
_LONE_WORDS = """Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty Fifty Sixty Seventy Eighty
    Ninety Hundred Hundreds Thousands Back Home Midway Nobody Everyone Everybody Everything Nothing Something
    Somehow Almost Nearly Years Decades Months Weeks Days Halfway Much Few Several"""
_LONE = frozenset(_LONE_WORDS.split())
_ARTICLES = frozenset({"The", "A", "An"})
_PARTICIPLE = re.compile(
    r"[A-Z][a-z]{2,}(?:ing|ed)\s+(?:in|into|on|at|for|from|with|after|by|to|the|a|an|his|her|its|their|through|over)\s"
)
# Nouns after a name that make the name a modifier ("Anora star Mikey Madison").
MODIFIED = re.compile(
    r"\s+(?:film|movie|flick|drama|star|director|filmmaker|actor|actress|writer|producer|"
    r"debut|feature|co-star|veteran|newcomer|production|team|cast|thriller|comedy)\b"
)


@dataclass(frozen=True)
class Name:
    """A proper name found at [start, end) of a sentence."""

    text: str
    start: int
    end: int


def find_names(sentence: str) -> list[Name]:
    """Proper names of a sentence, without award bodies, categories or opening words."""
    return list(_names(sentence))


@lru_cache(maxsize=4096)
def _names(sentence: str) -> tuple[Name, ...]:
    """Cached: awards, prompts and themes all ask about the same sentences."""
    blocked = _blocked(sentence)
    names: list[Name] = []
    for m in NAME_RE.finditer(sentence):
        for start, part in _possessive_parts(m.start(), m.group()):
            names.extend(_clean(sentence, start, part, blocked))
    return tuple(names)


def _possessive_parts(start: int, raw: str) -> list[tuple[int, str]]:
    """Split "Kodi Smit-McPhee's Peter" in two; keep one-word titles ("Pan's Labyrinth") whole."""
    m = re.search(r"['’]s\s+", raw)
    if not m:
        return [(start, raw)]
    before, after = raw[: m.start()], raw[m.end() :]
    if " " not in before and " " not in after:
        return [(start, raw)]
    return [(start, before), *_possessive_parts(start + m.end(), after)]


def _blocked(sentence: str) -> list[tuple[int, int]]:
    """Spans that hold award vocabulary rather than names."""
    spans = [(a, b) for a, b, _ in find_bodies(sentence)]
    spans += [m.span() for m in CATEGORY_RE.finditer(sentence)]
    return spans


def _clean(sentence: str, start: int, raw: str, blocked: list[tuple[int, int]]) -> list[Name]:
    """Trim opening words and award vocabulary from one capitalised run."""
    tokens = [(m.start() + start, m.group()) for m in re.finditer(r"\S+", raw)]
    while tokens and _drop_first(sentence, tokens):
        tokens.pop(0)
    epithet = [i for i, t in enumerate(tokens) if re.search(r"-(?:winning|nominated)$", t[1])]
    if epithet:
        tokens = tokens[epithet[-1] + 1 :]  # "The Venice-winning Poor Things": the name is what follows
    tokens = [t for t in tokens if not any(a <= t[0] < b for a, b in blocked)]
    if not tokens or tokens[0][1][0].islower():
        return []
    text = sentence[tokens[0][0] : tokens[-1][0] + len(tokens[-1][1])]
    text = re.sub(r"(?:[’']s?|[,:;.])$", "", text) if not text.endswith(("Jr.", "Sr.")) else text
    while text.split()[-1] in {"of", "the", "on", "a", "an", "at", "and", "in"}:
        text = text.rsplit(" ", 1)[0]
    if text in COMMON or text in _LONE or (not re.search(r"[a-z]", text) and len(text) > 5):
        return []
    if " " not in text and _opens(sentence, tokens[0][0]) and _PARTICIPLE.match(sentence, tokens[0][0]):
        return []  # "Arriving in cinemas ...", "Tipped for Best Actress, ...": an opening participle

    return [Name(text, tokens[0][0], tokens[0][0] + len(text))]


def _drop_first(sentence: str, tokens: list[tuple[int, str]]) -> bool:
    """Whether the first token is an opening word rather than part of the name."""
    pos, word = tokens[0]
    bare = word.rstrip(",.;:’'")
    if bare not in COMMON:
        return word[0].islower()
    if len(tokens) > 1 and tokens[1][1][0].isupper() and not _opens(sentence, pos):
        return False
    if bare in _ARTICLES and len(tokens) > 1 and tokens[1][1][0].isupper():
        return _opens(sentence, pos) and tokens[1][1].rstrip(",.") in COMMON
    return True


def _opens(sentence: str, pos: int) -> bool:
    """Whether `pos` starts the sentence or a clause."""
    return not sentence[:pos].strip() or sentence[:pos].rstrip()[-1] in ",;(“\"‘'"


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without accents or curly quotes, for comparing names."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def full_name(name: str, known: list[str]) -> str:
    """The longest known name ending with this one ("Madison" -> "Mikey Madison", "De Niro" -> "Robert De Niro").

    A single word that ends no known name may open exactly one ("Youn" -> "Youn Yuh-jung": family name first).
    """
    name = re.sub(r"['’]s?$", "", name)
    if len(name.split()) > 2:
        return name
    key = fold(name).split()
    parts = [p for k in known for p in re.split(r"['’]s\s+", k) if ":" not in p]
    matches = [k for k in parts if len(k.split()) > len(key) and _surname(k)[-len(key) :] == key]
    if matches:
        return max(matches, key=len)
    if len(key) == 1:
        opening = {k for k in parts if len(k.split()) in (2, 3) and fold(k).split()[0] == key[0]}
        opening = {k for k in opening if not k.startswith(("The ", "A ", "An "))}
        if len(opening) == 1:
            return opening.pop()
    return name


def _surname(name: str) -> list[str]:
    """The folded words of a full name without a generational suffix ("Robert Downey Jr." ends in "downey")."""
    words = fold(name).split()
    return words[:-1] if len(words) > 2 and words[-1] in ("jr.", "sr.", "jr", "sr", "ii", "iii") else words


def clear_caches() -> None:
    """Forget cached sentences (benchmarks measure a review seen for the first time)."""
    _names.cache_clear()
    _bodies.cache_clear()
