"""Discussion prompts: the review's questions, the questions it raises, its debates and themes."""

from __future__ import annotations

import re
from string import Template

from bot.analysis.aspects import aspect_questions
from bot.analysis.cues import find_cues
from bot.analysis.implicit import debate_kind, debate_question, implicit_questions
from bot.analysis.lexicon import CATEGORY_RE, find_bodies
from bot.analysis.names import find_names
from bot.analysis.questions import explicit_questions
from bot.analysis.text import Span, words
from bot.analysis.themes import themes
from bot.models import Prompt
from bot.wording import wording

_W = "analysis_prompts"
# A pronoun whose referent is in an earlier sentence ("This has earned praise").
_LOST = re.compile(
    r"^(?:This|That|These|Those|It|They|He|She)\b(?!\s+(?:film|movie)\b)|\b(?:this|that) (?:is|was|has|does)\b"
    r"|\bthe (?:latter|former)\b"
)


def build_prompts(spans: list[Span], flags: list[bool], text: str, title: str) -> tuple[Prompt, ...]:
    """5-10 prompts for a normal review (fewer for a short one), explicit ones first."""
    spoiler = {s.start: f for s, f in zip(spans, flags, strict=True)}
    explicit = [
        Prompt(q.text, "explicit", q.sentence.source, q.quoted, spoiler[q.sentence.start])
        for q in explicit_questions(spans)
    ]
    implicit, debate = _raised(spans, spoiler, title)
    limit = 10 if words(text) >= 250 else 5
    own = _exact_unique(explicit)[:10]
    raised = _unique(implicit, own)[:4]
    debates = _unique(debate, own + raised)
    picked = debates[:3]
    theme = _unique(_themes(spans, spoiler, title), own + raised + picked)[: max(1, 5 - len(own + raised + picked))]
    if len(own + raised + picked + theme) < 5:
        # A review with few cues: more of its debatable judgements rather than fewer prompts.
        picked = debates[: 3 + 5 - len(own + raised + picked + theme)]
    groups = [own, raised, picked, theme]
    while sum(map(len, groups)) > limit:
        # Trim the largest group, least important kind first, so every kind keeps a voice.
        largest = max(range(4), key=lambda g: (len(groups[g]), g))
        groups[largest] = groups[largest][:-1]
    return tuple(sorted((p for g in groups for p in g), key=_order))


def _order(p: Prompt) -> tuple[int, int]:
    """Explicit, implicit, debate, theme; each in text order."""
    return (("explicit", "implicit", "debate", "theme").index(p.kind), p.source.start)


def _raised(spans: list[Span], spoiler: dict[int, bool], title: str) -> tuple[list[Prompt], list[Prompt]]:
    """Implicit questions and debate prompts, debate ones ranked by strength."""
    implicit: list[tuple[int, int, Prompt]] = []
    ranked: list[tuple[int, int, Prompt]] = []
    for i, span in enumerate(spans):
        s = span.sentence
        if s.rstrip().endswith("?"):
            continue
        context = [n.text for sp in spans[max(0, i - 2) : i + 1] for n in find_names(sp.sentence)]
        for rank, q in implicit_questions(s, title):
            prompt = Prompt(_dereference(q, context, title), "implicit", span.source, spoiler=spoiler[span.start])
            implicit.append((-rank, i, prompt))
        strength = debate_kind(s, title) if _prose(s) else 0
        if strength and not _LOST.search(s) and not implicit_questions(s, title) and len(s) < 280:
            if strength < 4 and _states_award(s):
                continue  # an award statement is trivia, not an opinion to argue with
            prompt = Prompt(debate_question(s), "debate", span.source, spoiler=spoiler[span.start])
            ranked.append((-strength, i, prompt))
    return _by_rank(implicit), _by_rank(ranked)


def _by_rank(rows: list[tuple[int, int, Prompt]]) -> list[Prompt]:
    """Strongest first, then in the review's order."""
    return [p for _, _, p in sorted(rows, key=lambda r: (r[0], r[1]))]


def _prose(sentence: str) -> bool:
    """A full sentence of prose (not a title line, heading or list item) that can be argued with."""
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    lower = sum(1 for w in words if w[0].islower())
    return sentence.rstrip("”’\"')").endswith((".", "!")) and len(words) >= 8 and lower >= len(words) / 2


def _states_award(sentence: str) -> bool:
    """Whether the sentence reports an award (a body or category beside an award cue)."""
    return bool(find_cues(sentence)) and bool(find_bodies(sentence) or CATEGORY_RE.search(sentence))


def _dereference(question: str, context: list[str], title: str) -> str:
    """Name the person a lone "her"/"his" stands for, from the sentences around it."""
    people = [n for n in context if n != title and " " not in n]
    named = [n for n in context if n in question and n != title]
    if named or not people:
        return question
    return re.sub(r"\b(?:her|his)\b(?= \w)", f"{people[-1]}’s", question, count=1)


def _themes(spans: list[Span], spoiler: dict[int, bool], title: str) -> list[Prompt]:
    """Open questions on the review's recurring themes, worded from the templates."""
    exclude = {w.lower() for w in re.findall(r"\w+", title)}
    templates: list[str] = wording(_W)["themes"]
    out = []
    for i, (theme, span) in enumerate(themes(spans, exclude)):
        text = Template(templates[i % len(templates)]).substitute(title=title, theme=theme)
        out.append(Prompt(text, "theme", span.source, spoiler=spoiler[span.start]))
    for text, span in aspect_questions(spans, title):
        out.append(Prompt(text, "theme", span.source, spoiler=spoiler[span.start]))
    return out


def _exact_unique(prompts: list[Prompt]) -> list[Prompt]:
    """The review's own questions, each once (near-duplicates are the author's choice)."""
    seen: set[str] = set()
    out = []
    for p in prompts:
        if p.text.lower() not in seen:
            seen.add(p.text.lower())
            out.append(p)
    return out


def _unique(prompts: list[Prompt], taken: list[Prompt] | None = None) -> list[Prompt]:
    """Prompts without duplicates or near-duplicates of each other or of `taken`."""
    kept = list(taken or [])
    out: list[Prompt] = []
    for p in prompts:
        if not any(_similar(p.text, k.text) for k in kept):
            kept.append(p)
            out.append(p)
    return out


def _similar(a: str, b: str) -> bool:
    """Near-duplicates: most content words shared."""
    wa = {w for w in re.findall(r"\w+", a.lower()) if len(w) > 3}
    wb = {w for w in re.findall(r"\w+", b.lower()) if len(w) > 3}
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.7
