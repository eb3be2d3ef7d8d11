"""An extractive summary: a verdict sentence as tl;dr and 2-5 key points in the review's order."""

from __future__ import annotations

import re

from bot.analysis.evidence import aspect_of
from bot.analysis.names import fold
from bot.analysis.text import Span, display
from bot.analysis.verdict import PRONOUN_VERDICT, award_news, judge, verdict_score
from bot.models import Summary

_LABEL = re.compile(
    r"(?:\*\*|__)?[A-Z][\w ]{0,20}(?:\*\*|__)?:(?:\*\*|__)?\s+(?=[A-Z])"
    # a dateline: "CANNES, May 27 — ", "LONDON — "
    r"|[A-Z][A-Z.’' -]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*[—–]\s*(?=[A-Z])"
)
_LEADING_PRONOUN = re.compile(
    r"^(?:This(?! (?:film|movie|documentary|picture|feature)\b)|That|These|Those|It|Its|They|Their|Them|He|She|His|Her|Him|Such"
    r"|(?:None|All|Some|Most|Both|Each|Neither) of (?:this|that|these|those|them|it))\b"
)
_BOILERPLATE = re.compile(
    r"share|subscribe|comment|reply|email|cookie|newsletter|click|sign up|rated \d|grade:|"
    r"written by|permalink|required fields|settings|"
    # editorial notes and warnings speak about the page, not the film
    r"translated (?:from|by)|originally (?:appeared|published|ran)|the original (?:appeared|ran)|"
    r"spoiler (?:warning|alert)|reviewed (?:at|on)|running time|"
    # web chrome: magazine and site promotions, photo credits
    r"never miss|welcome to|sign in|register|photo(?:graph)?:|image:|credit:|courtesy of|getty|all rights|"
    r"subscription|membership|priority booking|merchandise|price based on|buy tickets|book now|box office:|on demand|open online|"
    r"we promise|unsubscribe|spam|look like you have",
    re.I,
)


def summarise(spans: list[Span], flags: list[bool], title: str) -> Summary:
    """A one-to-two-sentence tl;dr and 2-5 key points, never cut, never a lost pronoun."""
    bare, prose, verdicts = _pools(spans, flags, title)
    if not prose:
        return Summary(spans[0].sentence if spans else "")
    news = award_news(spans, title)
    # a news lead names many films in title case, which _usable takes for a list: judged on its own here
    lead = [
        (i, sp)
        for i, sp in enumerate(bare)
        if news
        and not flags[i]
        and _news_of_the_film(sp, title)
        and _whole(sp)
        and not _BOILERPLATE.search(sp.sentence)
    ]
    blocks = sorted({s.block for _, s in prose})
    edges = set(blocks[:1] + blocks[-2:])

    def score(p: tuple[int, Span]) -> float:
        return (
            verdict_score(p[1], title, edge=p[1].block in edges)
            - (0.5 if PRONOUN_VERDICT.match(p[1].sentence) else 0.0)
            + (1.5 if _SUMMING.match(spans[p[0]].sentence) else 0.0)
            + _signpost(spans, p[0])
        )

    # on a tie the later sentence: a review's bottom line comes after the case for it
    best = max(reversed(verdicts), key=score)
    # award news leads with the film's own result, unless the piece also judges the film plainly
    tldr = lead[0] if lead and not (score(best) >= _CLEAR_VERDICT and _names_and_judges(best[1], title)) else best
    pool = sorted(dict(prose + lead).items()) if news else prose  # award news: the film's own results too
    points = _key_points(pool, tldr[0], title, news)
    return Summary(_shown(tldr[1].sentence), tuple(_shown(s.sentence) for _, s in points))


_CLEAR_VERDICT = 6.0  # a whole judgement naming the film, with evaluative words


def tldr_candidates(spans: list[Span], flags: list[bool], title: str) -> list[tuple[int, Span]]:
    """The sentences the tl;dr is chosen from (index into `spans`, the sentence as it would be shown)."""
    return _pools(spans, flags, title)[2]


def _pools(
    spans: list[Span], flags: list[bool], title: str
) -> tuple[list[Span], list[tuple[int, Span]], list[tuple[int, Span]]]:
    """The sentences without labels, the prose that can be a key point, and the tl;dr candidates."""
    bare = [_unlabelled(s, title) for s in spans]
    interview = {s.block for s in spans if _SPEAKER.match(s.sentence)}
    debris = _debris_blocks(bare) | interview
    answers = {i for i in range(1, len(spans)) if _answer(spans[i - 1], spans[i])}
    prose = [
        (i, s) for i, s in enumerate(bare) if _usable(s) and not flags[i] and s.block not in debris and i not in answers
    ]
    if len(prose) < 3:
        prose = [(i, s) for i, s in enumerate(bare) if _usable(s) and i not in answers and s.block not in interview]
    if not prose:
        return bare, [], []
    # A verdict is a full statement (8+ words), best near the review's start or end.
    verdicts = [p for p in prose if len(p[1].sentence.split()) >= 8 or judge(p[1].sentence, title).judgement] or prose
    verdicts += [(i, s) for i, s in enumerate(bare) if _film_pronoun(s, flags[i]) and s.block not in debris]
    # a whole judgement naming the film stands out even among a block of links and captions
    verdicts += [
        (i, s)
        for i, s in enumerate(bare)
        if s.block in debris - interview and not flags[i] and _usable(s) and _names_and_judges(s, title)
    ]
    return bare, prose, sorted(dict(verdicts).items())


def _shown(sentence: str) -> str:
    """A summary sentence as members read it, capitalised where a sentence adverb was dropped, without a bracketed
    aside of four words or more (an aside is removable by definition: "Anthony's (yes, that's his name too)
    confusion")."""
    text = _ASIDE.sub("", display(sentence))
    return text[:1].upper() + text[1:]


_ASIDE = re.compile(r"\s*\((?=(?:[^()]*\s){3})[^()]{8,200}\)(?=[\s,.;:!?’”]|$)")


# Openers that sum up ("In short,", "All in all,"): the writer says the sentence is the bottom line. The summary
# drops them from a shown sentence (_ADVERB) and counts them for the tl;dr (_SUMMING, with three more that
# cannot be dropped without the sentence losing its subject).
_SUMMING_OPENERS = (
    r"In (?:short|sum|summary|conclusion|the end|totality)|Overall|All in all|All told|Ultimately|To sum up|"
    r"On balance|On the whole|At the end of the day"
)
_SUMMING = re.compile(rf"(?:{_SUMMING_OPENERS}|Bottom line|Taken as a whole|In the final analysis),?\s")

# The page says where its verdict is: a label ("Verdict: ...", "Final thoughts: ...") or a heading line above the
# paragraph ("## The Bottom Line"). A one-sided label ("The Good:", "Cons:") marks half of a judgement.
_VERDICT_SIGN = (
    r"(?:(?:The |My |Our |Final |Overall |Short )?verdict|(?:The )?bottom line|Final (?:thoughts|word|words|take)|"
    r"(?:In )?conclusion|Conclusions|In a nutshell|(?:The )?takeaway|Should you (?:watch|see) it)"
)
_ONE_SIDE = (
    r"(?:The (?:good|bad|ugly|best|worst)|Pros|Cons|Positives|Negatives|What works|What doesn[’']t(?: work)?|"
    r"Highlights|Lowlights|Downsides|Upsides|Strengths|Weaknesses|Likes|Dislikes)"
)
_SIGN_LABEL = re.compile(rf"[*_]*(?i:{_VERDICT_SIGN})[*_]*\s*[:—–-][*_]*\s+(?=\S)")
_SIDE_LABEL = re.compile(rf"[*_]*(?i:{_ONE_SIDE})[*_]*\s*[:—–-][*_]*\s+(?=\S)")
_HEADING_DEBRIS = r"[\s#*_>:?.!\-–—]*"
_SIGN_HEADING = re.compile(rf"{_HEADING_DEBRIS}(?i:{_VERDICT_SIGN}){_HEADING_DEBRIS}")
_SIDE_HEADING = re.compile(rf"{_HEADING_DEBRIS}(?i:{_ONE_SIDE}){_HEADING_DEBRIS}")
SIGNPOST = 6.0  # the writer says which sentence is the verdict: it outweighs any wording


def _signpost(spans: list[Span], i: int) -> float:
    """A bonus for a sentence the page labels or heads as its verdict, a penalty for one it marks as one side."""
    sentence = spans[i].sentence
    if _SIGN_LABEL.match(sentence):
        return SIGNPOST
    if _SIDE_LABEL.match(sentence):
        return -SIGNPOST
    block = spans[i].block
    heading = [s for s in spans[:i] if s.block < block]
    if not heading or spans[i - 1].block == block:
        return 0.0  # only the first sentence under a heading
    above = [s for s in heading if s.block == heading[-1].block]
    if len(above) == 1 and _SIGN_HEADING.fullmatch(above[0].sentence):
        return SIGNPOST
    if len(above) == 1 and _SIDE_HEADING.fullmatch(above[0].sentence):
        return -SIGNPOST
    return 0.0


def _whole(span: Span) -> bool:
    """A complete sentence of 8+ words and at most 300 characters, no cut quotation."""
    s = display(span.sentence)
    ends = s.rstrip("”’\"')*_").endswith((".", "!"))
    return ends and len(s.split()) >= 8 and len(s) <= 300 and s.count("“") == s.count("”") and not _CONNECTIVE.match(s)


def _news_of_the_film(span: Span, title: str) -> bool:
    """In award news, the film's own result: the first sentence naming it with an award is the lead."""
    j = judge(span.sentence, title)
    return j.award and j.film == 1.0 and not j.hypothetical


def _names_and_judges(span: Span, title: str) -> bool:
    j = judge(span.sentence, title)
    return j.judgement and j.film == 1.0 and not j.award


def _film_pronoun(span: Span, spoiler: bool) -> bool:
    """A verdict worded with "it" for the film: a tl;dr candidate that key points never take."""
    if spoiler or not PRONOUN_VERDICT.match(span.sentence):
        return False
    rest = span.sentence[2:] if span.sentence.startswith("It") else span.sentence[4:]
    return _usable(Span("The film" + rest, 0, 0))


# An interview's speaker label: the lines of a Q&A are the interviewee's words, not the review's points.
_SPEAKER = re.compile(r"(?:Q|A|Q\.|A\.)\s*:\s")


def _answer(before: Span, span: Span) -> bool:
    """ "Is it too long? Barely, but ...": a reply to the question before it, read only with it."""
    if before.block != span.block or not before.sentence.rstrip().endswith("?"):
        return False
    head = span.sentence.split(",", 1)[0]
    return "," in span.sentence and len(head.split()) <= 2


def _debris_blocks(spans: list[Span]) -> set[int]:
    """Paragraphs made mostly of fragments (a credits block, a listings line): none of it summarises."""
    total: dict[int, int] = {}
    unusable: dict[int, int] = {}
    for s in spans:
        total[s.block] = total.get(s.block, 0) + 1
        unusable[s.block] = unusable.get(s.block, 0) + (not _usable(s))
    return {b for b, n in total.items() if n >= 3 and unusable[b] >= 2 * n / 3}


def _unlabelled(span: Span, title: str) -> Span:
    """A sentence without a short label before a colon ("VOR: Devotes itself ...") and without an opening
    sentence adverb ("Nonetheless, the film ..."), which reads as a reply once the sentence stands alone. A title
    with a colon ("Mad Max: Fury Road contains ...") is no label."""
    m = _LABEL.match(span.sentence)
    if m and not fold(span.sentence.lstrip("*_")).startswith(fold(title)):
        span = Span(span.sentence[m.end() :], span.start + m.end(), span.end, span.block)
    m = _ADVERB.match(span.sentence)
    if m and span.sentence[m.end() : m.end() + 1].isalpha():
        span = Span(span.sentence[m.end() :], span.start + m.end(), span.end, span.block)
    return span


# Sentence adverbs that can go without changing what the sentence says, when a capitalised subject follows.
_ADVERB = re.compile(
    rf"(?:{_SUMMING_OPENERS}|However|Nonetheless|Nevertheless|Still|Indeed|Moreover|Furthermore|In fact|"
    r"Even so|After all|Yet|Besides|Admittedly|Thankfully|Fortunately|Unfortunately|"
    # a leading conjunction: "But as directed by X, the film is ..." stands alone without it
    r"(?:And|But)(?: yet| still| then)?(?=\s+(?:[A-Z]|the |a |an |as |in |for |with |at |by |from |this |its )))"
    r",?\s+"
)


def _usable(span: Span) -> bool:
    """A whole prose sentence that stands alone."""
    s = span.sentence
    if len(s.split()) < 6 or len(s) > 300 or not s.rstrip("”’\"')").endswith((".", "!")):
        return False
    if s.count("“") != s.count("”") or s.count('"') % 2:
        return False  # a quotation cut by the splitter
    if _mostly_names(s):
        return False  # a credits line or a list of names
    if _CONNECTIVE.match(s) or re.search(r",? on the other hand,", s):
        return False  # "And ...", "But ...", "The other ...": a reply to the sentence before it
    if s.lstrip()[:1] in '“"' or _REPORTED.search(s):
        return False  # another critic's words, not the review's
    if s.lstrip()[:1] in "([":
        return False  # a sentence in brackets is an aside to the reader
    # a stripped "But it ..." reads "It ...": the pronoun test sees the sentence as shown
    return not _LEADING_PRONOUN.match(s[:1].upper() + s[1:]) and not _BOILERPLATE.search(s) and not s.endswith("?")


# "Time Out Chicago said, ...", "as David Sims wrote": another critic's words reported
_REPORTED = re.compile(
    r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+)* (?:said|says|writes|wrote|argues|argued|notes|noted|calls|called|"
    r"concludes|concluded|declares|declared|adds|added)\b(?: that)?[,:]? [“\"‘]"
    r"|\baccording to [A-Z]"
)
_CONNECTIVE = re.compile(
    r"^(?:And|But|So|Yes|Sure|Or|Well|Now|Still|Yet|Also|Then|Alas|Anyway|Plus|However|Instead|Moreover|Indeed|"
    r"Likewise|Similarly|Besides|Thus|Hence|Therefore|Again|Otherwise|Meanwhile|Fortunately|Unfortunately|Nonetheless|"
    r"Nevertheless|Furthermore|Additionally|Even so|After all|In fact|As such|In turn|In addition|In the process|"
    r"By this point|At the same time|On the other hand|Of course|The (?:other|same|latter|former|next|rest)|"
    r"Here (?:are|is)|Below|In (?:both|either|this|that|each) (?:case|regard|respect|sense)|At (?:that|this) point|"
    r"By then|To that end|For (?:that|this) reason|That said|With that|As a result|Because of this|"
    r"There (?:are|is|were|was) (?:other|another|also)|(?:\w+, )?(?:these|those|this|that|such) [a-z]+)\b"
)


def _mostly_names(sentence: str) -> bool:
    """More capitalised words than not: a list, a title line, a heading."""
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    return sum(1 for w in words if w[0].isupper()) > 0.5 * len(words)


def _news_score(span: Span, title: str) -> float:
    """In award news a sentence about the film counts, one about other films does not (award words are news)."""
    j = judge(span.sentence, title)
    return (3.0 + (3.0 if j.award else 0.0)) if j.film == 1.0 else -3.0


def _point_score(span: Span, title: str) -> float:
    """How much a sentence says what the critic thinks of the film (not plot, a bio, another film or awards)."""
    j = judge(span.sentence, title)
    score = 1.0 * min(j.evaluative, 3) + (1.5 if j.judgement else 0.0) + j.film
    score += 0.5 if aspect_of(span.sentence) else 0.0
    score -= 3.0 if j.award else 0.0
    score -= 2.0 if j.other_film else 0.0
    score -= 1.0 if j.hypothetical else 0.0
    score -= 1.0 if j.second_person and not j.film else 0.0
    score -= 3.0 if j.meta else 0.0  # the writer about their own writing
    score -= 2.0 if j.deictic else 0.0  # "this idea": what it points at is not shown
    score -= 2.5 if j.lost_referent else 0.0  # "he embodies ...": who is meant is in another sentence
    return score - (1.5 if j.first_person and not j.film else 0.0)


def _key_points(prose: list[tuple[int, Span]], tldr: int, title: str, news: bool = False) -> list[tuple[int, Span]]:
    """2-5 sentences that say what the critic thinks, the best of each paragraph, in the review's order; in
    award news, what the film itself won or lost, not the other films' results."""
    scored = [(i, s, _point_score(s, title) + (_news_score(s, title) if news else 0.0)) for i, s in prose if i != tldr]
    best: dict[int, tuple[int, Span, float]] = {}
    for row in scored:
        if row[1].block not in best or row[2] > best[row[1].block][2]:
            best[row[1].block] = row
    picked = sorted((r for r in best.values() if r[2] >= 1.5), key=lambda r: -r[2])[:5]
    if len(picked) < 3:
        rest = sorted(
            (r for r in scored if r not in picked and r[2] >= 0.0 and _sound(r[1], title)), key=lambda r: -r[2]
        )
        picked += rest[: 3 - len(picked)]
    if len(picked) < 3:
        # only sentences with no flaw a moderator would strike: two good points beat three with a bad one
        picked += [r for r in scored if r not in picked and _sound(r[1], title)][: 3 - len(picked)]
    return sorted((i, s) for i, s, _ in picked)


def _sound(span: Span, title: str) -> bool:
    """Nothing in the sentence that only the review can explain, nor the writer about their writing."""
    j = judge(span.sentence, title)
    return not (j.meta or j.deictic or j.lost_referent or j.other_film)
