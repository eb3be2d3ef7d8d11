"""Sentences that give away the ending or late plot, so adapters can hide them."""

from __future__ import annotations

import re

from bot.analysis.text import Span

# What a sentence reveals: a character's death, a twist's content, how the story ends, late plot. Single words
# ("death", "twist", "final act") used in another sense ("death metal", "each twist of the plot") reveal nothing.
_WHO = r"(?:[A-Z][\w’'-]+|he|she|they|his|her|their|the (?:hero|heroine|father|mother|son|daughter|husband|wife|boy|girl|man|woman|killer|detective))"
_REVEALS = re.compile(
    rf"\b{_WHO}\b(?: \w+){{0,3}} (?:dies|died|is killed|was killed|gets killed|is shot|was shot|is murdered|was murdered|"
    r"kills (?:him|her|them|his|her)\w*|murders|commits suicide|takes (?:his|her) own life|drowns|is revealed to be|"
    r"turns out to be|ends up|(?:eventually|ultimately|finally) (?:dies|leaves|returns|discovers|learns|kills|marries|loses|"
    r"sells|confesses|escapes|wins|agrees|accepts|reconciles))\b"
    r"|\b(?:death of (?:[A-Z]\w+|his|her|their)|(?:his|her|their) (?:own )?(?:death|suicide|murder))\b"
    r"|(?i:\b(?:the twist is|twist (?:is|being) that|it turns out(?: that)?|it is revealed|is revealed that|it emerges that|"
    r"the (?:film|story|movie) ends (?:with|when|as|on)|ends with (?:a|an|the|her|his)|in the end,|by the end,|"
    r"stillborn|miscarri\w+|massacre|shot dead)\b)",
)
# An ending spoken of with its outcome ("the haunting final act ... the devastating toll") gives it away.
_ENDING_OUTCOME = re.compile(
    r"\b(?:final act|third act|the ending|finale|last (?:scene|shot|moments)|final (?:scene|shot|moments)|climax)\b"
    r".{0,160}\b(?:devastating|tragic|tragedy|bleak|happy|hopeful|heartbreaking|shocking|dies|death|killed|reunite\w*|"
    r"sells|leaves|returns|toll)\b",
    re.I | re.S,
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
        reveals = bool(_REVEALS.search(span.sentence) or _ENDING_OUTCOME.search(span.sentence))
        flags.append(warned or reveals or span.block == ending_block)
        if _ENDING.search(span.sentence) and (
            reveals or re.search(r"\bthere is the ending\b|the ending[.:]", span.sentence)
        ):
            ending_block = span.block
        if _WARNING.search(span.sentence) and not re.search(r"spoiler[- ]free|no spoilers", span.sentence, re.I):
            warned = True
    return flags
