"""Polls from the review's evidence and its yes/no prompts, within Discord's and Slack's limits."""

from __future__ import annotations

import re
from string import Template
from typing import Any

from bot.analysis.aspects import performers
from bot.analysis.evidence import aspect_stances, claims, labels, stance
from bot.analysis.text import Span
from bot.models import PollSpec, Prompt
from bot.wording import wording

_W = "analysis_prompts"
_YES_NO = re.compile(r"(?:Does|Do|Did|Is|Are|Was|Were|Can|Could|Should|Would|Has|Have|Will)\b")
QUESTION_MAX = 300  # Discord poll question
OPTION_MAX = 55  # Discord poll answer (Slack button text allows 75)


def build_polls(prompts: tuple[Prompt, ...], title: str, spans: list[Span] | None = None) -> tuple[PollSpec, ...]:
    """2-4 polls: a claim on a scale, a contrast, the standout performance, yes/no prompts; the rating poll once."""
    options: dict[str, Any] = wording(_W)["poll"]
    polls = _content_polls(spans or [], title, options)
    for p in _ranked(prompts):
        if len(polls) >= 3:
            break
        poll = _prompt_poll(p, options)
        if poll and len(poll.question) <= QUESTION_MAX and not any(q.question == poll.question for q in polls):
            polls.append(poll)
    polls.append(PollSpec(_fill("rating_question", title), tuple(options["rating"])))
    if len(polls) < 2:
        polls.append(PollSpec(_fill("recommend_question", title), tuple(options["yes_no"])))
    return tuple(polls[:4])


def _content_polls(spans: list[Span], title: str, options: dict[str, Any]) -> list[PollSpec]:
    """Polls built from the review's evidence: its key claim, a contrast between crafts, its praised people."""
    found = claims(spans, title)
    out: list[PollSpec] = []
    claim = next((c for c in found if c.kind != "performance"), None)
    if claim:
        subject = title if claim.kind in ("film", "described") else claim.subject
        key = "said_question" if claim.kind == "said" else "claim_question"
        question = Template(options[key]).substitute(subject=subject, phrase=f"“{claim.phrase}”")
        out.append(PollSpec(question, tuple(options["scale"]), claim.span.source))
    stances = aspect_stances(spans)
    pos = [a for a, (t, _) in stances.items() if t >= 2]
    neg = [a for a, (t, _) in stances.items() if t <= -2]
    if pos and neg:
        names = labels()
        values = {"pos": names[pos[0]], "neg": names[neg[0]], "title": title}
        question = Template(options["contrast_question"]).substitute(values)
        answers = tuple(Template(o).substitute(values) for o in options["contrast_options"])
        out.append(PollSpec(question, answers, stances[neg[0]][1].source))
    if len(pos) >= 2:
        names = labels()
        values = {"title": title}
        question = Template(options["standout_question"]).substitute(values)
        answers = tuple(Template(options["standout_option"]).substitute(label=names[a]) for a in pos[:5])
        out.append(PollSpec(question, answers, stances[pos[0]][1].source))
    praised = [c.subject for c in found if c.kind == "performance" and stance(c.phrase) > 0]
    people = list(dict.fromkeys(praised + performers(spans, title)))
    if len(people) >= 2 and all(len(n) <= OPTION_MAX for n in people):
        question = Template(options["performance_question"]).substitute(title=title)
        out.append(PollSpec(question, tuple(people[:10])))
    return out


def _ranked(prompts: tuple[Prompt, ...]) -> list[Prompt]:
    """Yes/no implicit questions, then the review's own yes/no questions, shorter first."""
    yes_no = sorted((p for p in prompts if _YES_NO.match(p.text)), key=lambda p: len(p.text))
    return [p for p in yes_no if p.kind == "implicit"] + [p for p in yes_no if p.kind == "explicit"]


def _prompt_poll(p: Prompt, options: dict[str, Any]) -> PollSpec | None:
    """A yes/no prompt as a poll; "Is it A or B?" polls its choices, or nothing when they do not fit."""
    if re.search(r"\bor\b", p.text):
        choices = alternatives(p.text)
        if choices is not None:
            return PollSpec(p.text, choices, p.source) if choices else None
    return PollSpec(p.text, tuple(options["yes_no"]), p.source)


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


def _fill(key: str, title: str) -> str:
    """A fallback poll question from the templates."""
    template: str = wording(_W)["poll"][key]
    return Template(template).substitute(title=title)
