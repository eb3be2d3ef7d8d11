"""Turning an embedded question ("how much space the film gives to X") into a direct one."""

from __future__ import annotations

import re

_AUX_WORDS = """
    is are was were has have had can could will would should may might must does do did
"""
_AUX = frozenset(_AUX_WORDS.split())
_SUBJECT_START = re.compile(
    r"(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|it|he|she|they|we|you|I|"
    r"[A-Z][\w’'-]*)$"
)
_WH = re.compile(
    r"^(?P<wh>how (?:much|many) \w+|how (?:far|well|often|long|deeply|\w+ly)|"
    r"(?:what|which|whose) (?!(?:is|are|was|were|has|have|had|can|could|will|would|does|do|did|the|a|an|this|"
    r"that|his|her|its|their|our|my|your|it|he|she|they|we|you|I)\b)\w+|"
    r"how|why|what|who|where|when|whether|if)\b\s*(?P<rest>.*)$",
    re.I,
)
_IRREGULAR = {"has": "have", "does": "do", "goes": "go", "is": "be"}
_PAST_PAIRS = """
    chose:choose made:make took:take gave:give went:go saw:see became:become found:find
    told:tell left:leave got:get felt:feel kept:keep brought:bring thought:think wrote:write
    ran:run began:begin chose:choose lost:lose meant:mean put:put let:let
"""
_PAST = dict(pair.split(":", 1) for pair in _PAST_PAIRS.split())


def direct_question(clause: str) -> str | None:
    """The direct form of an embedded question, or None when its verb is not found."""
    # "if Margo is really escaping although it seems likely that she is": the question ends at the concession
    clause = re.split(r",?\s+(?:although|though|even though|but|while|because|since|unless)\b", clause)[0]
    clause = clause.strip().rstrip(".,;:")
    m = _WH.match(clause)
    if not m:
        return None
    wh, rest = m.group("wh"), m.group("rest").split()
    yes_no = wh.lower() in ("whether", "if")
    if not rest:
        return None
    # "why sequels are ever bad": after an adverb the words are subject and verb, never a subject question
    adverb = re.fullmatch(r"why|where|when|how(?: (?:far|well|often|long|deeply|\w+ly))?", wh, re.I)
    if not _SUBJECT_START.match(rest[0]) and not yes_no and not adverb:
        return _finish(f"{wh} {' '.join(rest)}")  # "what stories still need to be told"
    inverted = _invert(rest)
    if inverted is None:
        return None
    return _finish(inverted if yes_no else f"{wh} {inverted}")


def _invert(words: list[str]) -> str | None:
    """Subject-auxiliary inversion: "the film gives X" -> "does the film give X"."""
    for i, word in enumerate(words[1:], start=1):
        low = word.lower()
        if low in _AUX:
            return " ".join([low, *words[:i], *words[i + 1 :]])
        after_article = words[i - 1].lower() in ("the", "a", "an")
        if re.fullmatch(r"[a-z]+(?:es|s)", word) and not after_article and not word.endswith("ss"):
            return " ".join(["does", *words[:i], _base(low), *words[i + 1 :]])
        if (low in _PAST or re.fullmatch(r"[a-z]+ed", low)) and not after_article:
            return " ".join(["did", *words[:i], _PAST.get(low) or _past_base(low), *words[i + 1 :]])
        if i > 3:
            return None
    return None


def _base(verb: str) -> str:
    """The base form of a third-person verb ("gives" -> "give", "pushes" -> "push")."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _past_base(verb: str) -> str:
    """The base form of a regular past verb ("treated" -> "treat", "tried" -> "try")."""
    if verb.endswith("ied"):
        return verb[:-3] + "y"
    if re.search(r"(?:iz|us|rv|ov|os|ag|rg|uc|ac|ir)ed$", verb):
        return verb[:-1]  # "created", "used", "served": the e belongs to the verb
    if re.search(r"([bdgmnpt])\1ed$", verb):
        return verb[:-3]
    return verb[:-2]


def _finish(text: str) -> str:
    """Capitalised, ending in a single question mark."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".,;:!?")
    return text[0].upper() + text[1:] + "?"
