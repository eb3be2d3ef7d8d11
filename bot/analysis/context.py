"""Prompts from what the review says the film is: its maker, its source, its genre, the critic's overall stance
and its awards run. Each is a human-written template (prompts/analysis_prompts.toml, [context]) filled only
when the review states the evidence."""

from __future__ import annotations

import re
from functools import cache
from string import Template

from bot.analysis.aspects import performers, roles
from bot.analysis.award_reader.entities import given_names
from bot.analysis.evidence import stance_counts
from bot.analysis.film_ref import names_film
from bot.analysis.names import COMMON, find_names, fold, full_name
from bot.analysis.text import Span, display
from bot.analysis.verdict import award_news, judge
from bot.models import Prompt
from bot.wording import wording

_NAME = r"[A-Z][\w’'-]+(?: (?:de |van |von |del |da )?[A-Z][\w’'-]+){1,2}"
_DIRECTOR = re.compile(
    rf"\b(?:(?:[Ww]ritten and )?[Dd]irected (?:and written )?by:?|[Dd]irector|[Ff]ilmmaker|[Ww]riter[-/][Dd]irector|[Aa]uteur)\s+(?P<name>{_NAME})"
    rf"|(?P<owner>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){{0,2}})[’']s (?:new |latest |last |first |debut )?"
    r"(?:film|movie|feature|drama|picture)\b"
)
_ROLE = re.compile(r"^(?:[\w-]*[Dd]irector|Filmmaker|Auteur) ")
_SOURCE_KIND = r"(?:novel|book|play|memoir|short story|novella|graphic novel|comic|stage play|poem|article)"
_ADAPTED = re.compile(
    rf"\b(?:based on|adapted from|an adaptation of|adaptation of)\s+(?:the |a )?"
    rf"(?:(?P<who>{_NAME})[’']s (?:(?:\d{{4}}|acclaimed|bestselling|best-selling|celebrated|award-winning|debut|"
    rf"autobiographical|classic|same-?named) )*(?P<kind>{_SOURCE_KIND})"
    rf"|(?:\d{{4}} |acclaimed |bestselling |best-selling |celebrated )*(?P<kind2>{_SOURCE_KIND}) by (?P<who2>{_NAME}))\b"
)
_TRUE_STORY = re.compile(
    r"\b(?:based on|inspired by|tells|recounts|dramati[sz]es) (?:the |a )?(?:remarkable |extraordinary )?"
    r"(?:true|real(?:-life)?) (?:story|stories|events|case)\b|\b(?:a|the) true story\b|\breal-life (?:story|events|case)\b",
    re.I,
)


def context_prompts(spans: list[Span], spoiler: dict[int, bool], title: str, director: str | None) -> list[Prompt]:
    """Up to one prompt each on what the film is about, the critic's stance, the maker, the lead character, the
    source, the setting, the genre, the maker's earlier films, another critic's words and the awards run."""
    table: dict[str, str] = wording("analysis_prompts")["context"]
    found: list[tuple[str, dict[str, str], Span]] = []
    if award_news(spans, title):
        found = [hit for hit in [_awards(spans, title, director)] if hit]
    else:
        maker = _director(spans, title, director)  # found once: the maker prompt and the earlier-films prompt
        named = maker[1]["director"] if maker else None
        for finder in (
            _about,
            _stance,
            None,
            _character,
            _source,
            _setting,
            _genre,
            _career,
            _compared,
            _quoted,
            _awards,
        ):
            hit = maker if finder is None else finder(spans, title, named)
            if hit:
                found.append(hit)
    return [
        Prompt(
            Template(table[key]).substitute(title=title, **values), "theme", span.source, spoiler=spoiler[span.start]
        )
        for key, values, span in found
    ]


Hit = tuple[str, dict[str, str], Span] | None


def _stance(spans: list[Span], title: str, director: str | None) -> Hit:
    """The critic's overall stance: warm, unconvinced or torn, from the sentences that judge the film."""
    pos = neg = 0
    first: Span | None = None
    for span in spans:
        j = judge(span.sentence, title)
        if span.sentence.rstrip().endswith("?") or not j.film or j.award or j.hypothetical or j.other_film:
            continue
        p, n = stance_counts(span.sentence)
        if p or n:
            first = first or span
        pos, neg = pos + p, neg + n
    if first is None or pos + neg < 2:
        return None
    if pos >= 2 and pos > 3 * neg:
        return ("stance_pos", {}, first)
    if neg >= 2 and neg > 3 * pos:
        return ("stance_neg", {}, first)
    return ("stance_mixed", {}, first) if min(pos, neg) >= 1 and pos + neg >= 3 else None


def _director(spans: list[Span], title: str, director: str | None) -> Hit:
    """The film's maker: from the review file's `director`, else as the review names them."""
    known = [n.text for span in spans for n in find_names(span.sentence)]
    text = " ".join(display(s.sentence) for s in spans)
    news = award_news(spans, title)  # award news names the makers of many films
    for span in spans:
        shown = display(span.sentence)
        if director and (director in shown or fold(director.split()[-1]) in fold(shown).split()):
            return ("director", {"director": director}, span)
        if director or news:
            continue
        if judge(shown, title).other_film:
            continue  # "A Separation (2011) of filmmaker Asghar Farhadi": the maker of another film
        for m in _DIRECTOR.finditer(shown):
            name = m.group("name") or m.group("owner")
            if m.group("owner") and not names_film(shown[m.end() :], title) and fold(title) not in fold(shown):
                continue  # "Miller's film" about another film
            credit = bool(re.match(r"(?:[Ww]ritten and )?[Dd]irected", m.group(0)))  # "directed by X" at the top
            name = _ROLE.sub("", full_name(_ROLE.sub("", name), known))
            surname = name.split()[-1]
            twice = len(re.findall(rf"(?<!\w){re.escape(surname)}(?!\w)", text)) >= 2
            if (
                fold(name) != fold(title)
                and len(name.split()) >= 2
                and not COMMON.intersection(name.split())
                and (twice or m.start() == 0 or names_film(shown, title) or (credit and span.block == spans[0].block))
            ):
                return ("director", {"director": name}, span)  # not a passing credit of another film
    return None


_CAREER = re.compile(
    r"\b(?:earlier|previous|last|past|prior|first|other)\s+(?:\w+\s+)?(?:films?|features?|work|movies?)\b"
    r"|\breturn to form\b|\bfilmography\b|\bbody of work\b|\bcareer\b|\bsince (?:his|her|their) debut\b",
    re.I,
)


def _career(spans: list[Span], title: str, maker: str | None) -> Hit:
    """A review that sets the film beside its maker's other work (`maker`: as `_director` found them)."""
    if not maker:
        return None
    surname = maker.split()[-1]
    for span in spans:
        shown = display(span.sentence)
        if _CAREER.search(shown) and re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", shown):
            return ("career", {"director": maker}, span)
    return None


def _character(spans: list[Span], title: str, director: str | None) -> Hit:
    """The lead character, named with their actor ("Ani (Mikey Madison)")."""
    cast = roles(spans, title)
    lead = next((actor for actor in performers(spans, title) if actor in cast), None)
    if lead is None:
        return None
    character = cast[lead]
    span = next(s for s in spans if character in s.sentence)
    return ("character", {"character": character}, span)


_SETTING = re.compile(
    r"\b[Ss]et (?:and shot )?(?P<prep>in|on|during|amid|against|at) (?P<place>(?:the )?(?:[A-Z][\w’'-]+|\d{4}s?)"
    r"(?:(?:,? | of | in | and | the )(?:[A-Z][\w’'-]+|\d{4}s?))*)"
)


def _setting(spans: list[Span], title: str, director: str | None) -> Hit:
    """Where and when the review says the film is set ("set in 1923, amid the Irish Civil War")."""
    for span in spans:
        shown = display(span.sentence)
        m = _SETTING.search(shown)
        j = judge(shown, title)
        if m and len(m.group("place").split()) <= 8 and not j.other_film and not j.award:
            return ("setting", {"setting": f"{m.group('prep')} {m.group('place')}"}, span)
    return None


_ABOUT = re.compile(
    r"(?:^|, )(?P<subj>[Tt]he (?:film|movie)|It)(?: is|[’']s) (?:really |ultimately |essentially |at heart |above all |"
    r"at its core )?(?:(?:a|an) (?:[a-z-]+ )?(?:film|movie|story|drama|tale|meditation) )?about "
    r"(?P<topic>(?!it\b|that\b|this\b|how\b|what\b|nothing\b|something\b)[a-z][^,.;:!?()“”\"—–]{2,70}?)"
    r"(?=\s*(?:[,.;:!?—–]|$| but | and yet ))"
)


def _about(spans: list[Span], title: str, director: str | None) -> Hit:
    """What the review says the film is about ("The film is really about the loss of balance")."""
    for span in spans:
        shown = display(span.sentence)
        m = _ABOUT.search(shown) or re.search(
            rf"(?:^|, )(?P<subj>{re.escape(title)})(?: is|[’']s) (?:really |ultimately |essentially |at heart )?"
            r"(?:(?:a|an) (?:[a-z-]+ )?(?:film|movie|story|drama|tale) )?about "
            r"(?P<topic>[a-z][^,.;:!?()“”\"—–]{2,70}?)(?=\s*(?:[,.;:!?—–]|$| but ))",
            shown,
        )
        lone = m is not None and " " not in m.group("topic").strip() and shown[m.end() :].startswith(",")
        if m and not lone and len(m.group("topic").split()) <= 10 and not judge(shown, title).other_film:
            if m.group("subj") == "It" and not names_film(shown, title) and span is not spans[0]:
                pass  # "It is about ..." after the first sentence: "it" may be anything
            elif not re.search(r"\b(?:I|me|my|we|you)\b", m.group("topic")):
                return ("about", {"topic": m.group("topic").strip()}, span)
    return None


_QUOTED = re.compile(
    r"\b(?:described as|calls? it|called it|writes (?:that )?(?:it|the film) is|dubbed it|hails? it as|hailed it as)"
    r",? [“\"](?P<phrase>[^”\"]{3,100})[”\"]"
)


# The review sets the film beside another: a comparison cue, then titles the page marks as titles (italics,
# quotation marks) or that read as titles ("The Third Man", "Blue Is the Warmest Colour"), never a person.
_COMPARED = re.compile(
    r"\b(?:reminiscent of|recalls?|recalling|echoes of|echoing|in the (?:vein|mould|mold|tradition) of|"
    r"compared? (?:to|with)|comparisons? (?:to|with)|similar to|owes (?:a|its|much of its) debt to|a cross between|"
    r"harks back to|an homage to|a homage to|a nod to|a companion piece to|the spirit of)\s+",
    re.I,
)
_MARKED_TITLE = re.compile(r"(?:\*|_)(?P<a>[A-Z][^*_\n]{1,60}?)(?:\*|_)|[“\"](?P<b>[A-Z][^”\"\n]{1,60}?)[,.]?[”\"]")
_CAP = r"[A-Z][\w’'-]*"
_FUNC = r"(?:of|the|is|in|on|a|to|for|at)\b"
_BARE_TITLE = re.compile(
    rf"(?P<c>(?:The|A|An) {_CAP}(?:(?: {_FUNC})* {_CAP})*"  # "The Wages of Fear"
    rf"|{_CAP}(?: {_CAP})*(?: {_FUNC})+ {_CAP}(?:(?: {_FUNC})* {_CAP})*)"  # "Blue Is the Warmest Colour"
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and |or )?|\s+(?:and|or)\s+)")


def _compared(spans: list[Span], title: str, director: str | None) -> Hit:
    """Other films the review sets this one beside ("recalls *The Third Man* and *Chinatown*")."""
    for span in spans:
        raw = span.sentence
        if not (names_film(display(raw), title) or re.match(r"(?:It|Its|It[’']s)\b", raw)):
            continue
        for cue in _COMPARED.finditer(raw):
            others = _titles_at(raw, cue.end(), title)
            if others:
                listed = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
                return ("compared", {"others": listed}, span)
    return None


def _titles_at(raw: str, at: int, title: str) -> list[str]:
    """Up to three titles listed from `at` on (a person's name ends the list)."""
    found: list[str] = []
    while len(found) < 3:
        m = _MARKED_TITLE.match(raw, at) or _BARE_TITLE.match(raw, at)
        if not m:
            break
        name = (
            (m.group("a") if "a" in m.groupdict() and m.group("a") else None) or m.groupdict().get("b") or m.group("c")
        )
        name = (name or "").strip(" ,.")
        if not name or fold(name) == fold(title) or _person(name) or len(name.split()) > 8:
            break
        found.append(name)
        gap = _LIST_GAP.match(raw, m.end())
        if not gap:
            break
        at = gap.end()
    return found


def _person(name: str) -> bool:
    """A name opened by a common given name ("Ingmar Bergman", "Thelma"), not by an article."""
    first = name.split()[0]
    return first not in ("The", "A", "An") and fold(first) in given_names()


def _quoted(spans: list[Span], title: str, director: str | None) -> Hit:
    """Another critic's words on the film, as the review quotes them ("it can be described as “gently meditative”")."""
    for span in spans:
        m = _QUOTED.search(display(span.sentence))
        if (
            m
            and 2 <= len(m.group("phrase").split()) <= 15
            and not re.search(r"\b(?:I|me|my|we|you)\b", m.group("phrase"))
        ):
            return ("quoted", {"phrase": f"“{m.group('phrase').strip()}”"}, span)
    return None


def _source(spans: list[Span], title: str, director: str | None) -> Hit:
    """A film adapted from a named book or play, or drawn from real events."""
    for span in spans:
        shown = display(span.sentence)
        m = _ADAPTED.search(shown)
        if m and not judge(shown, title).other_film:
            if m.group("who"):
                source = f"{m.group('who')}’s {m.group('kind')}"
            else:
                source = f"the {m.group('kind2')} by {m.group('who2')}"
            return ("adaptation", {"source": source}, span)
    for span in spans:
        if _TRUE_STORY.search(span.sentence) and not judge(span.sentence, title).other_film:
            return ("true_story", {}, span)
    return None


@cache
def _genres() -> re.Pattern[str]:
    words: list[str] = wording("aspects_list")["genres"]["words"]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?P<genre>{alternatives})\b", re.I)


def _genre(spans: list[Span], title: str, director: str | None) -> Hit:
    """The genre the review puts the film in: named in a sentence about the film itself, the review's most named
    genre first ("a western" over a passing "melodrama")."""
    counts: dict[str, int] = {}
    for span in spans:
        for m in _genres().finditer(display(span.sentence)):
            counts[m.group("genre").lower()] = counts.get(m.group("genre").lower(), 0) + 1
    hits: list[tuple[int, int, str, Span]] = []
    for order, span in enumerate(spans):
        shown = display(span.sentence)
        j = judge(shown, title)
        if shown.endswith("?") or not j.film or j.other_film or j.award:
            continue
        for m in _genres().finditer(shown):
            genre = m.group("genre").lower()
            hits.append((-counts[genre], order, genre, span))
    if not hits:
        return None
    _, _, genre, span = min(hits, key=lambda h: (h[0], h[1]))
    return ("genre_documentary" if genre == "documentary" else "genre", {"genre": _genre_shown(genre)}, span)


def _genre_shown(genre: str) -> str:
    """The genre as the prompt names it ("the $genre genre"): "horror film" is horror, "animated film" animation."""
    bare = re.sub(r"\s+(?:film|movie)s?$", "", genre)
    return "animation" if bare == "animated" else bare


def _awards(spans: list[Span], title: str, director: str | None) -> Hit:
    """A review that follows the film's awards run (two award sentences or more about it)."""
    hits = [s for s in spans if (j := judge(s.sentence, title)).award and j.film and not j.hypothetical]
    return ("awards", {}, hits[0]) if len(hits) >= 2 else None
