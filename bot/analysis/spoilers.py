"""Sentences that give away the ending or late plot, so adapters can hide them."""

from __future__ import annotations

import re

from bot.analysis.text import Span

_REVEALS = re.compile(
    r"(?<![-\w])(?:final act|third act|(?:the|its|an?|happy|emotional|twist) ending|ends with|"
    r"(?:film|story|movie) ends|in the end|(?:near|at|by|towards?) the end\b|climax|climactic|twist|"
    r"massacre|stillborn|miscarri\w+|shot dead|"
    r"finale|(?:last|final|closing) (?:scene|shot|moments?|minutes|reel|twist)|dies|died|"
    r"death of|his death|her death|their death|death|killed|kills|murder(?:ed|s)?|suicide|"
    r"is revealed|turns out|reveal(?:s|ed)? (?:that|himself|herself)|"
    r"(?:eventually|ultimately|finally) (?:dies|leaves|returns|discovers|learns|kills|marries|loses))\b",
    re.I,
)
_ENDING = re.compile(r"\b(?:the ending|final (?:act|scene|shot|chapter)|last (?:act|scene|shot))\b", re.I)
_WARNING = re.compile(r"spoilers?\s*(?:alert|warning|ahead|below|follow)|^\W*\(?spoilers?\)?\W*$", re.I)
_HEADING = re.compile(r"^(?:#|[A-Z0-9][A-Z0-9 ,'’:!?…-]{3,}$)")


def spoiler_flags(spans: list[Span], text: str) -> list[bool]:
    """One flag per sentence: True where the sentence reveals late plot."""
    flags: list[bool] = []
    warned = False
    ending_block = -1  # a paragraph that turns to the ending keeps revealing it to its end
    for span in spans:
        line_start = text.rfind("\n", 0, span.start) + 1
        if _HEADING.match(text[line_start : span.end].strip()) and not _WARNING.search(span.sentence):
            warned = False
        reveals = bool(_REVEALS.search(span.sentence))
        flags.append(warned or reveals or span.block == ending_block)
        if _ENDING.search(span.sentence):
            ending_block = span.block
        if _WARNING.search(span.sentence) and not re.search(r"spoiler[- ]free|no spoilers", span.sentence, re.I):
            warned = True
    return flags
