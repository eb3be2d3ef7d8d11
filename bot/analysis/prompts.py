"""Discussion prompts: human-written templates filled with short, checked evidence from the review."""

from __future__ import annotations

import re
from string import Template

from bot.analysis.aspects import aspect_questions
from bot.analysis.context import context_prompts
from bot.analysis.evidence import Claim, aspect_stances, claims
from bot.analysis.implicit import debate_kind, implicit_questions
from bot.analysis.names import find_names, fold
from bot.analysis.questions import clean_question, expletive_it, explicit_questions
from bot.analysis.summary import summarise
from bot.analysis.text import Span, display, words
from bot.analysis.theme_list import listed_themes
from bot.analysis.verdict import award_news, judge
from bot.models import Prompt
from bot.wording import wording

_W = "analysis_prompts"
MAX_PROMPT = 200
# A pronoun whose referent is in an earlier sentence ("This has earned praise").
_LOST = re.compile(
    r"^(?:This|That|These|Those|It|They|He|She)\b(?!\s+(?:film|movie)\b)|\b(?:this|that) (?:is|was|has|does)\b"
    r"|\bthe (?:latter|former)\b"
)
_HEADING = re.compile(r"^(?:#|[A-Z0-9][A-Z0-9 ,'’:!?…-]{3,}$)")


def build_prompts(
    spans: list[Span], flags: list[bool], text: str, title: str, director: str | None = None
) -> tuple[Prompt, ...]:
    """5-10 prompts for a review of 250+ words (fewer when it holds less), best first."""
    return build_prompt_set(spans, flags, text, title, director)[0]


def build_prompt_set(
    spans: list[Span],
    flags: list[bool],
    text: str,
    title: str,
    director: str | None = None,
    *,
    tldr: str | None = None,
) -> tuple[tuple[Prompt, ...], str]:
    """The prompts and, when a review of 250+ words gets fewer than five, why (`tldr`: the summary's, when the
    caller has it)."""
    spoiler = {s.start: f for s, f in zip(spans, flags, strict=True)}
    news = award_news(spans, title)  # award news praises no craft and dwells on no theme of the film
    found = claims(spans, title)
    groups = {
        "claim": _claims(found, spoiler, title),
        "explicit": _standing(_own(spans, spoiler, text, title), title),
        "performance": _performances(found, spans, spoiler, title),
        "implicit": _standing(_implicit(spans, spoiler, title), title),
        "craft": [] if news else _crafts(spans, spoiler),
        "theme": [] if news else _themes(spans, spoiler, text, title),
        "reported": _reported(spans, spoiler, title),
        "context": context_prompts(spans, spoiler, title, director),
    }
    # Best first, every kind in turn; the questions the review raises outright get two turns a round.
    order = ["claim", "explicit", "implicit", "implicit", "performance", "context", "reported", "theme", "craft"]
    limit = 10 if words(text) >= 250 else 5
    picked: list[Prompt] = []
    cursor = dict.fromkeys(groups, 0)
    for _ in range(10):
        for key in order:
            while cursor[key] < len(groups[key]) and len(picked) < limit - 1:
                candidate = groups[key][cursor[key]]
                cursor[key] += 1
                if not any(_similar(candidate.text, p.text) for p in picked):
                    picked.append(candidate)
                    break
    bottom = _bottom_line(spans, flags, title, tldr) if len(picked) < 3 else None
    if bottom is not None and not any(_similar(bottom.text, p.text) for p in picked):
        picked.append(bottom)
    after = _after_watching(spans, flags, found)
    if after and len(picked) < limit:
        picked.append(after)
    picked = [p for p in picked if len(p.text) <= MAX_PROMPT and p.text.endswith("?")]
    note = _note(picked, groups, after) if words(text) >= 250 and len(picked) < 5 else ""
    return tuple(picked), note


# "Can you even do anything about it?", "How did he manage ...?": who or what is meant is in another sentence.
_POINTING = re.compile(r"\b(?:it|he|she|him|they|them)\b", re.I)


def _standing(prompts: list[Prompt], title: str) -> list[Prompt]:
    """The review's own questions that a member can read alone: no pronoun before the film or a name is named."""
    out = []
    for p in prompts:
        m = _POINTING.search(p.text)
        while m and m.group().lower() == "it" and expletive_it(p.text, m.start()):
            m = _POINTING.search(p.text, m.end())
        if m and not (fold(title) in fold(p.text[: m.start()]) or any(n.start < m.start() for n in find_names(p.text))):
            continue
        out.append(p)
    return out


def _fill(table: str, key: str, **values: str) -> str:
    template: str = wording(_W)[table][key]
    return Template(template).substitute(values)


def _q(phrase: str) -> str:
    return f"“{phrase}”"


def _claims(found: list[Claim], spoiler: dict[int, bool], title: str) -> list[Prompt]:
    """The critic's key claims about the film, a craft or the ending, strongest stance first."""
    out = []
    for c in found:
        if c.kind == "performance":
            continue
        if c.kind == "film":
            text = _fill("claim", "film", title=title, phrase=_q(c.phrase))
        elif c.kind == "described":
            text = _fill("claim", "described", title=title, phrase=_q(c.phrase))
        elif c.kind == "ending":
            text = _fill("claim", "ending", phrase=_q(c.phrase))
        elif c.kind == "said":
            text = _fill("claim", "said", subject=c.subject, phrase=_q(c.phrase))
        else:
            text = _fill("claim", "aspect", subject=c.subject, phrase=_q(c.phrase))
        out.append(Prompt(text, "debate", c.span.source, spoiler=spoiler[c.span.start]))
    return out


def _performances(found: list[Claim], spans: list[Span], spoiler: dict[int, bool], title: str) -> list[Prompt]:
    """A named person and what the review says of their work."""
    out, seen = [], set()
    for c in found:
        if c.kind == "performance" and c.subject not in seen:
            seen.add(c.subject)
            text = _fill("claim", "performance", person=c.subject, verb=c.verb, phrase=_q(c.phrase))
            out.append(Prompt(text, "theme", c.span.source, spoiler=spoiler[c.span.start]))
    for text, span in aspect_questions(spans, title):
        if text.startswith("What did you make of") and not any(name in text for name in seen):
            out.append(Prompt(text, "theme", span.source, spoiler=spoiler[span.start]))
    return out


def _own(spans: list[Span], spoiler: dict[int, bool], text: str, title: str) -> list[Prompt]:
    """The review's own real questions, cleaned of lead-ins; rhetorical ones, fragments and epigraphs dropped."""
    out, seen = [], set()
    for q in explicit_questions(spans):
        cleaned = clean_question(q, spans, text, title)
        cleaned = display(cleaned) if cleaned else None
        if q.quoted or not cleaned or _STRAY.search(cleaned) or _unresolved(cleaned, title):
            continue  # a line of dialogue or another's words; "you know what?"; "Which films affected him?"
        if cleaned.lower() not in seen and _english(cleaned) and "[" not in cleaned:
            seen.add(cleaned.lower())
            out.append(Prompt(cleaned, "explicit", q.sentence.source, q.quoted, spoiler[q.sentence.start]))
    return out


# Function words: a question with none of them is in another language ("Ras vkhedavt, rodesac ...?").
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "what",
        "how",
        "why",
        "who",
        "whom",
        "where",
        "when",
        "which",
        "you",
        "it",
        "of",
        "to",
        "in",
        "and",
        "or",
        "that",
        "this",
        "we",
        "they",
        "i",
        "he",
        "she",
        "his",
        "her",
        "its",
        "their",
        "be",
        "have",
        "has",
        "not",
    ]
)


_STRAY = re.compile(r"\byou know what\b|^(?:Because|Becuase|Cause|Coz)\b", re.I)
_THIRD = re.compile(r"\b(?:he|him|she|himself|herself)\b", re.I)  # "his"/"her" often belong to a noun in the question


def _unresolved(question: str, title: str) -> bool:
    """A question about "him" or "she" that names nobody: its person is in a sentence the club does not see."""
    named = [w for w in re.findall(r"\b[A-Z][\w’'-]+", question)[1:] if w not in title]
    return bool(_THIRD.search(question)) and not named


def _english(question: str) -> bool:
    """A question the club can read: it holds at least one English function word."""
    return bool(_FUNCTION_WORDS.intersection(re.findall(r"[a-z]+", question.lower())))


def _implicit(spans: list[Span], spoiler: dict[int, bool], title: str) -> list[Prompt]:
    """Questions the review raises ("raises the question of whether ..."), direct and grammatical."""
    rows: list[tuple[int, int, Prompt]] = []
    for i, span in enumerate(spans):
        if span.sentence.rstrip().endswith("?"):
            continue
        context = [n.text for sp in spans[max(0, i - 2) : i + 1] for n in find_names(sp.sentence)]
        for rank, q in implicit_questions(span.sentence, title):
            if not q.startswith("What do you make of"):
                prompt = Prompt(_dereference(q, context, title), "implicit", span.source, spoiler=spoiler[span.start])
                rows.append((-rank, i, prompt))
    return [p for _, _, p in sorted(rows, key=lambda r: (r[0], r[1]))][:4]


def _reported(spans: list[Span], spoiler: dict[int, bool], title: str) -> list[Prompt]:
    """ "Some critics argue that X": a reported position with a short X, put to the club."""
    out = []
    for span in spans:
        s = display(span.sentence)
        if debate_kind(s, title) == 4 and not _LOST.search(s) and len(s) <= MAX_PROMPT - 16 and s.endswith("."):
            out.append(
                Prompt(_fill("claim", "reported", sentence=s), "debate", span.source, spoiler=spoiler[span.start])
            )
    return out


def _crafts(spans: list[Span], spoiler: dict[int, bool]) -> list[Prompt]:
    """A craft question per aspect the review judges, worded by the critic's stance."""
    out = []
    for aspect, (total, span) in aspect_stances(spans).items():
        if aspect == "ending" or abs(total) < 2:
            continue  # the after-watching question covers the ending; one word of praise is no stance
        key = f"{aspect}_{'pos' if total > 0 else 'neg'}"
        out.append(
            (abs(total), span.start, Prompt(_fill("craft", key), "theme", span.source, spoiler=spoiler[span.start]))
        )
    return [p for _, _, p in sorted(out, key=lambda r: (-r[0], r[1]))]


def _themes(spans: list[Span], spoiler: dict[int, bool], text: str, title: str) -> list[Prompt]:
    """Open questions on the listed themes the review dwells on."""
    templates: list[str] = wording(_W)["themes"]
    headings = {s.start for s in spans if _HEADING.match(s.sentence.strip()) and len(s.sentence.split()) <= 8}
    out = []
    for i, (theme, span) in enumerate(listed_themes(spans, headings, exclude=title, limit=3)):
        phrase = Template(templates[i % len(templates)]).substitute(title=title, theme=theme)
        out.append(Prompt(phrase, "theme", span.source, spoiler=spoiler[span.start]))
    return out


def _bottom_line(spans: list[Span], flags: list[bool], title: str, tldr: str | None) -> Prompt | None:
    """The review's verdict sentence as a prompt, for a review that yields few others: only a short, whole
    judgement that names the film, never a spoiler."""
    tldr = tldr if tldr is not None else summarise(spans, flags, title).tldr
    span = next(
        (s for s, f in zip(spans, flags, strict=True) if not f and display(s.sentence).endswith(tldr[1:])), None
    )
    j = judge(tldr, title)
    if span is None or len(tldr) > 160 or not j.film or not (j.judgement or j.evaluative) or j.award:
        return None
    return Prompt(_fill("claim", "verdict", sentence=tldr, title=title), "debate", span.source)


def _after_watching(spans: list[Span], flags: list[bool], found: list[Claim]) -> Prompt | None:
    """A spoiler-marked question for after the film, when the review discusses the ending."""
    ending = re.compile(r"\b(?:the ending|final act|third act|finale|last scene|final scene|final shot|climax)\b", re.I)
    hits = [s for s, f in zip(spans, flags, strict=True) if ending.search(s.sentence)]
    if not hits:
        return None
    return Prompt(wording(_W)["after"]["ending"], "theme", hits[0].source, spoiler=True)


def _note(picked: list[Prompt], groups: dict[str, list[Prompt]], after: Prompt | None) -> str:
    """Why a review of 250+ words got fewer than five prompts: the evidence it lacks."""
    notes = wording(_W)["note"]
    missing = [
        notes[key]
        for key, group in (
            ("missing_question", "explicit"),
            ("missing_claim", "claim"),
            ("missing_person", "performance"),
            ("missing_theme", "theme"),
        )
        if not groups[group]
    ]
    if after is None:
        missing.append(notes["missing_ending"])
    joined = (
        ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
        if missing
        else "holds little else to ask"
    )
    return Template(notes["fewer"]).substitute(count=str(len(picked)), missing=joined)


def _dereference(question: str, context: list[str], title: str) -> str:
    """Name the person a lone "her"/"his" stands for, from the sentences around it."""
    people = [n for n in context if n != title and " " not in n]
    named = [n for n in context if n in question and n != title]
    if named or not people:
        return question
    return re.sub(r"\b(?:her|his)\b(?= \w)", f"{people[-1]}’s", question, count=1)


def normalised(text: str) -> str:
    """A prompt's text for comparing: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _similar(a: str, b: str) -> bool:
    """Near-duplicates: the same normalised text, or most content words shared."""
    if normalised(a) == normalised(b):
        return True
    wa = {w for w in re.findall(r"\w+", a.lower()) if len(w) > 3} - _TEMPLATE_WORDS
    wb = {w for w in re.findall(r"\w+", b.lower()) if len(w) > 3} - _TEMPLATE_WORDS
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.7


_TEMPLATE_WORDS = frozenset({"review", "calls", "that", "struck", "work", "with", "says", "does", "what", "film"})
