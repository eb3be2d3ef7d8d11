"""Statements that raise a question (implicit) or take a side (debate), turned into questions."""

from __future__ import annotations

import re

from bot.analysis.embedded import direct_question
from bot.analysis.lexicon import find_bodies
from bot.analysis.text import display
from bot.wording import phrase

_W = "analysis_prompts"
_CLAUSE = r"(?P<clause>(?:how|whether|what|why|who|which|where|when|if)\b[^.;?!]*)"
_RAISES = re.compile(
    r"\b(?:rais(?:es|ed|ing)|pos(?:es|ed|ing)|beg(?:s|ged|ging)|prompt(?:s|ed|ing)|leav(?:es|ing) open)"
    r" (?:the |an? |some |many |important |uncomfortable |difficult |big |open |further )*"
    r"questions? (?:of |about |as to |over |on )?",
    re.I,
)
_OPEN = re.compile(
    r"\b(?:it[’']s|it is|it remains|it was|I[’']m|I am|I remain|we are left) (?:still |not )?"
    r"(?:unclear|not clear|uncertain|unsure|debatable|an open question|hard to say|to be seen|"
    r"left wondering|wondering) ",
    re.I,
)
_ASKS = re.compile(
    r"\b(?:film|movie|story|script|it|director|[A-Z][a-z]+) (?:asks|wonders|ponders|considers|explores|examines|interrogates) ",
)
_WONDER = re.compile(
    r"\b(?:I|we|you|one) (?:can[’']t help but |may |might )?(?:wonder(?:ed|ing)?|ask(?:ed)? (?:myself|ourselves)) ",
    re.I,
)
_SHORT = re.compile(
    r"\b(?:stops?|stopped|falls?|fell) short of (?:fully |truly |really |quite )?(?P<rest>\w+ing\b[^.;?!]*)", re.I
)
_LITTLE = re.compile(r"\bdoes (?:little|nothing|not do enough|not enough|too little) to (?P<rest>[^.;?!]*)", re.I)
_FAILS = re.compile(r"\bfail(?:s|ed)? to (?:fully |truly |really )?(?P<rest>[a-z]+\b[^.;?!]*)", re.I)
_UNEXPLORED = re.compile(
    r"\bleaves? (?P<obj>[^.;?!,]{3,60}?) (?P<adj>unexplored|unanswered|unresolved|underdeveloped|unexamined)\b"
    r"(?! (?!and\b|by\b|in\b|for\b)[a-z]+)",  # "leaves a lot of unanswered questions": the noun would be cut
    re.I,
)
_ROOM = re.compile(r"\bthere (?:is|[’']s) (?:still )?(?:room|space) to (?P<rest>[^.;?!]*)", re.I)
_DEICTIC = re.compile(
    r"\b(?:this|that|these|those|such) (?!film\b|movie\b)[a-z]+\b(?! (?:is|was|are|were|has|does|did)\b)"
    r"|\b(?:them|they|those)\b"
)
_ABOUT = re.compile(r"\bquestions? about (?P<topic>(?!how|whether|what|why|who)[^.;?!]{3,90})", re.I)


def implicit_questions(sentence: str, title: str) -> list[tuple[int, str]]:
    """The questions a statement raises, each with a strength (3 = it says so outright)."""
    out: list[tuple[int, str]] = []
    for cue in (_RAISES, _OPEN, _WONDER, _ASKS):
        for m in cue.finditer(sentence):
            clause = re.match(_CLAUSE, sentence[m.end() :], re.I)
            if clause:
                text = direct_question(_trim(clause.group("clause")))
                out.append((3, text or phrase(_W, "make_of", clause=_trim(clause.group("clause")))))
    for cue, key in ((_SHORT, "far_enough"), (_LITTLE, "do_enough"), (_ROOM, "room")):
        rank = 1 if key == "room" else 2
        out += [(rank, phrase(_W, key, title=title, rest=_trim(m.group("rest")))) for m in cue.finditer(sentence)]
    for m in _UNEXPLORED.finditer(sentence):
        out.append((2, phrase(_W, "left_open", title=title, rest=f"{m.group('obj')} {m.group('adj')}")))
    if not out:
        out += [(1, phrase(_W, "manage", title=title, rest=_trim(m.group("rest")))) for m in _FAILS.finditer(sentence)]
        out += [
            (1, phrase(_W, "about", title=title, topic=_topic(m.group("topic")))) for m in _ABOUT.finditer(sentence)
        ]
    # "this pattern" points at an earlier sentence the prompt no longer shows.
    return [(r, q) for r, q in out if 3 <= len(q.split()) <= 40 and not _DEICTIC.search(q)]


def _trim(clause: str) -> str:
    """A clause without a trailing aside (", which ...") or dangling punctuation."""
    clause = re.split(r",\s+(?:but|and|while|which|though|although|yet|\w+ing)\b|\s*[—–]|\s+--|\s+-\s+", clause)[0]
    return clause.strip().rstrip(".,;:!?—–-")


def _topic(topic: str) -> str:
    """A list of topics kept whole ("autonomy, power, and desire"), asides dropped."""
    topic = re.split(r",\s+(?:but|while|which|though|although|yet)\b|\s*[—–]|\s+--|\s+-\s+", topic)[0]
    return topic.strip().rstrip(".,;:!?—–-")


_REPORTED = re.compile(
    r"^(?:(?:Some|Many|Other|Most|Several|A few|Few|Plenty of)\s+(?:[a-z-]+\s+)?"
    r"(?:critics|viewers|people|audiences|fans|reviewers|commentators|observers|writers|scholars|"
    r"advocates|members|others|watchers|moviegoers|filmgoers)?|Critics|Detractors|Fans|Supporters|"
    r"Skeptics|Sceptics|Others)\s+(?:have\s+|has\s+|will\s+|would\s+)?(?:\w+ly\s+)?"
    r"(?:argue|argued|claim|claimed|say|said|believe|feel|felt|think|thought|contend|suggest|"
    r"complain|insist|maintain|praise|praised|critici[sz]e|criticized|question|see|find|call|"
    r"consider|dismiss|hail|hailed|accuse)d?\b",
)
_CONTRAST = re.compile(r"^(?:While|Whilst|Although|Though|Even though|Whereas|Despite)\b[^,]{10,},\s+\S")
_OPINION = re.compile(r"^(?:I (?:think|believe|would argue|suspect|find)|In my (?:view|opinion)|Arguably)\b")


def debate_kind(sentence: str, title: str = "") -> int:
    """How strongly a sentence takes a side: 4 reported, 3 contrast, 2 "but"/opinion, 1 a verdict, 0 none."""
    if _REPORTED.match(sentence):
        return 4
    if _CONTRAST.match(sentence):
        return 3
    if (re.search(r", but\s", sentence) and len(sentence) > 60) or _OPINION.match(sentence):
        return 2
    if re.search(r"\bbut\b", sentence) and _VERDICT.search(sentence):
        return 2
    about = re.search(
        rf"\b(?:the (?:film|movie|script|screenplay|acting|cast)|{re.escape(title) or 'the film'})\b", sentence, re.I
    )
    named = re.search(r"(?<!^)\b[A-Z][a-z]+ [A-Z][a-z]+\b|^[A-Z][a-z]+ [A-Z][a-z]+\b", sentence)
    judged = _JUDGED.search(sentence) or re.search(r"\b(?:shine|shines|masterpiece)\b", sentence)
    return 1 if (about or named) and judged and not find_bodies(sentence) else 0


# A judgement one can disagree with: evaluative words and comparisons.
_VERDICT = re.compile(
    r"\b(?:better|worse|best(?! (?:friends?|man|mates?|buddy|pal|girl|boy))|worst|masterpiece|overrated|underrated|too (?:long|slow|short|much)|"
    r"brilliant|terrific|superb|excellent|remarkable|flawed|uneven|disappointing|boring|dull|"
    r"beautiful|compelling|powerful|moving|unusual|interesting|great|fails to|succeeds in|works well|"
    r"finest|convincing|first rate|eloquent(?:ly)?|theatrical|impressive|shine|shines|"
    r"(?:more|less) (?:\w+ )?than|one of the (?:most|best|finest|greatest))\b",
    re.I,
)


# The judgement is predicated ("X is terrific"), not an epithet in a plot summary ("a brilliant rancher").
_JUDGED = re.compile(
    r"\b(?:is|are|was|were|feels?|seems?|looks?|remains?|proves?|gives?|gets?|delivers?|uses?|plays?)\b"
    r"[^.;:]{0,40}?" + _VERDICT.pattern,
    re.I,
)


def debate_question(sentence: str) -> str:
    """A sentence to agree or disagree with, as a question."""
    text = display(sentence)
    if not text.endswith((".", "!")):
        text += "."
    return phrase(_W, "agree", sentence=text)
