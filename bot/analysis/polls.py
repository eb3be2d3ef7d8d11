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
        if p.kind != "debate" and _YES_NO.match(p.text) and re.search(r"\bor\b", p.text):
            # "Is it A or B?" is not answered by yes or no: its alternatives are the options, if they fit.
            choices = alternatives(p.text)
            if choices is not None:
                if choices:
                    polls.append(PollSpec(p.text, choices, p.source))
                continue
        polls.append(PollSpec(p.text, _options(p, options), p.source))
    # Too few debatable prompts (a short review): general polls about the film fill the gap.
    fallbacks = [("rating_question", "rating"), ("recommend_question", "yes_no")]
    for question, answers in fallbacks[: max(0, 2 - len(polls))]:
        polls.append(PollSpec(_fill(question, title), tuple(options[answers])))
    return tuple(polls[:4])


def alternatives(question: str) -> tuple[str, ...] | None:
    """The choices of an alternative question ("Did he fall, did he jump, or was he pushed?").

    None when the question is not one ("Is it good or not?" is a yes/no question); () when its choices do not
    fit a poll.
    """
    parts = [x.strip() for x in re.split(r",?\s+or\s+|,\s+", question.rstrip("?").strip()) if x.strip()]
    if len(parts) < 2 or any(re.fullmatch(r"(?:not|no|otherwise|something else)", x, re.I) for x in parts):
        return None
    if len(parts) > 5:
        return ()
    if not any(_YES_NO.match(x[:1].upper() + x[1:]) for x in parts[1:]):
        # "Is Minari A or B?": the first part still holds the verb and subject; keep as many words as the
        # shortest other choice, with its article ("a Korean film").
        width = min(len(x.split()) for x in parts[1:])
        head = parts[0].split()
        if len(head) > 2 and head[1].lower() in ("it", "he", "she", "they", "this", "that", "you", "we", "i"):
            head = head[2:]  # "Is it A or B?": the verb and its pronoun subject belong to no choice
            width = min(width, len(head))
        if width > len(head) or (width == len(head) and len(parts[0].split()) == len(head)):
            return ()
        if len(head) > width and re.fullmatch(r"(?:a|an|the|his|her|its|their|this|that)", head[-width - 1], re.I):
            width += 1
        parts[0] = " ".join(head[-width:])
    options = tuple(x[:1].upper() + x[1:] for x in parts)
    if any(len(o) > OPTION_MAX for o in options) or len({o.lower() for o in options}) < len(options):
        return ()
    return options


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
