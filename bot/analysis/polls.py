"""Polls from the best debate and implicit prompts, within Discord's and Slack's limits."""

from __future__ import annotations

import re
from string import Template

from bot.models import PollSpec, Prompt
from bot.wording import wording

_W = "analysis_prompts"
_YES_NO = re.compile(r"(?:Does|Do|Did|Is|Are|Was|Were|Can|Could|Should|Would|Has|Have|Will)\b")
QUESTION_MAX = 300  # Discord poll question
OPTION_MAX = 55  # Discord poll answer (Slack button text allows 75)


def build_polls(prompts: tuple[Prompt, ...], title: str) -> tuple[PollSpec, ...]:
    """2-4 polls: debate prompts first, then yes/no implicit ones, then a rating poll."""
    options: dict[str, list[str]] = wording(_W)["poll"]
    # Short questions read better as polls: within each group, the shorter first.
    prompts = tuple(sorted(prompts, key=lambda p: len(p.text) > 200))
    yes_no = [p for p in prompts if _YES_NO.match(p.text)]
    ranked = [p for p in prompts if p.kind == "debate"] + [p for p in yes_no if p.kind == "implicit"]
    ranked += [p for p in prompts if p.kind == "implicit" and p not in yes_no]
    ranked += [p for p in yes_no if p.kind in ("explicit", "theme")]
    polls: list[PollSpec] = []
    for p in ranked:
        if len(p.text) > QUESTION_MAX or len(polls) == 4:
            continue
        polls.append(PollSpec(p.text, _options(p, options), p.source))
    # Too few debatable prompts (a short review): general polls about the film fill the gap.
    fallbacks = [("rating_question", "rating"), ("recommend_question", "yes_no")]
    for question, answers in fallbacks[: max(0, 2 - len(polls))]:
        polls.append(PollSpec(_fill(question, title), tuple(options[answers])))
    return tuple(polls[:4])


def _options(p: Prompt, options: dict[str, list[str]]) -> tuple[str, ...]:
    """An agree scale for a debate, yes/no for a yes/no question, else an open scale."""
    if p.kind == "debate":
        chosen = options["agree"]
    elif _YES_NO.match(p.text):
        chosen = options["yes_no"]
    else:
        chosen = options["open"]
    return tuple(o[:OPTION_MAX] for o in chosen)


def _fill(key: str, title: str) -> str:
    """A fallback poll question from the templates."""
    template: str = wording(_W)["poll"][key]
    return Template(template).substitute(title=title)
