"""How much a sentence reads like the critic's judgement of the film: the evidence the summary, the
overall-stance prompt and the polls share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.analysis.evidence import aspect_of, stance
from bot.analysis.film_ref import head_word, names_film, short_titles
from bot.analysis.names import find_names, fold
from bot.analysis.text import Span, display
from bot.wording import wording

# Whole judgements of a film, as critics word them (grammar and evaluative vocabulary, no review's words).
_JUDGEMENT = re.compile(
    r"\b(?:one of the (?:best|finest|greatest|most|strongest|year[’']s)|(?:the|a) (?:best|finest|worst) (?:film|movie)s?"
    r"|must[- ](?:see|watch)|worth (?:seeing|watching|the|your|a|every)|(?:highly |strongly )?recommend(?:ed)?"
    r"|do(?:n[’']t| not) miss|(?:a|an) (?:triumph|masterpiece|misfire|failure|disappointment|mess|letdown|gem|marvel|achievement)"
    r"|falls? (?:flat|short|apart)|\b(?:it|film|movie|picture|it all) (?:never |rarely |mostly |largely )?(?:quite )?"
    r"(?:works|succeeds|fails|delivers|lands|soars)\b|\b(?:works|succeeds|fails) (?:because|beautifully|brilliantly|well)\b"
    r"|I (?:loved|liked|enjoyed|admired|hated|disliked|adored|can[’']t recommend|was (?:moved|bored|disappointed))"
    r"|of the year|stays with you|lingers|rewarding|a treat|a joy"
    r"|one of (?:my|the) (?:all-time )?favou?rites?|let ?down|(?:thoroughly|really|truly) (?:enjoyed|loved|liked)"
    r"|I(?: would|[’']d)? (?:highly |strongly )?recommend|money back|(?:a )?waste of (?:time|money)|write[- ]off"
    r"|(?:worth|deserves) (?:a|your) (?:watch|look|viewing|time)|(?:is|was|feels|proves|remains) ultimately"
    r"|glad I (?:saw|watched|went)|so much more than|underrated|overrated|works in every way"
    r"|worth (?:re)?\w+ing\b|(?:only |mainly |mostly )?appeal to)",
    re.I,
)
_AWARD = re.compile(
    r"\b(?:won|wins|winning|nominated|nominations?|nods?|Oscars?|Academy Awards?|BAFTAs?|Golden (?:Globe|Lion|Bear)s?"
    r"|Palme|awards?|frontrunner|contender|prizes?|jury|Best [A-Z]\w+|awarded|(?:won|got|took|received) best)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I[’']ve|I[’']m|I[’']d|I[’']ll|we|our|us)\b")
_META = re.compile(
    r"\bI(?: think I)? (?:want to|have to|need to|will|[’']ll|am going to|[’']m going to|can now|must|would like to)"
    r" (?:say|preface|admit|confess|start|begin|provide|talk|mention|point out|be honest|get back|explain|discuss)\b"
    r"|\bmy two cents\b|\bin this (?:review|post|section|piece)\b|\b(?:haven[’']t|have not|hadn[’']t) (?:rated|reviewed)\b"
    r"|\bdon[’']t get me wrong\b|\bI[’']m not sure (?:offhand|if|whether)\b|\bto be (?:honest|fair),",
    re.I,
)
_DEICTIC = re.compile(
    r"\b(?:this|these|that|those) (?:idea|ideas|notion|point|points|theme|themes|aspect|aspects|sense|feeling|"
    r"approach|reason|reasons|moment|way|regard|respect|issue|question|one|ones)\b"
    # "this admirable tact", "this sci-fi element": a noun phrase whose meaning is in the sentence before
    r"|\b(?:this|these|those) (?:[a-z-]+ )?(?!(?:film|films|movie|movies|picture|documentary|story|year|week|month|"
    r"summer|winter|decade|century|kind|sort|type|genre|day|time|country|world|review|town|city|house|family|"
    r"character|role|performance|scene|is|was|has|had|will|would|can|could|may|might|must|should|does|did|means)\b)"
    r"(?:tact|element|elements|quality|qualities|move|choice|choices|decision|distinction|feat|irony|trick|device|"
    r"problem|problems|flaw|flaws|approach|tension|contrast|shift|change|effect|method|style|tone|thing|things|part)\b"
    r"|^The (?:distinction|feat|result|move|decision|choice|effect|irony|difference|latter|former|trick|upshot)\b"
    r"|\bthe (?:latter|former)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(r"^(?:If|Maybe|Perhaps|Had|Were|Should|Imagine|Suppose|Not that)\b|\bwould have\b")
# Another film named with its year ("Ariel (1988)", "2004's Ladykillers"): the sentence is about that film.
_OTHER_FILM = re.compile(r"\(\d{4}\)|\b(?:19|20)\d\d[’']s [A-Z]")
_OWN_YEAR = re.compile(r"\s*\(\d{4}\)")
# "It's a gorgeous, haunting film.", "This stands as one of ...": read under the film's title, the pronoun is it.
PRONOUN_VERDICT = re.compile(
    r"(?:It|This)(?:[’']s| is| was| remains| feels| proves| stands| ranks| works| succeeds| delivers| fails| isn[’']t"
    r"| wasn[’']t| never| may be| might be| could be| must be| will be)\b"
)
# "is a terrific film", "was an uneven, overlong drama": an evaluative word on the film as a whole
_KIND = (
    r"(?:film|movie|picture|documentary|feature|watch|thriller|comedy|drama|western|horror|romance|musical|"
    r"satire|debut|epic|mystery|fable|story|piece|ride|experience|sequel|entry|adaptation|effort|work)s?"
)
_CALLED = re.compile(
    rf"\b(?:is|was|it[’']s|remains|makes for|becomes|feels like|proves) (?:also |still |simply |quite |truly |such )?"
    rf"(?:a|an|one|the) ((?:[\w-]+,? (?:and )?){{1,3}}){_KIND}\b",
    re.I,
)
# a verbless verdict: "A beautiful film with a DIY spirit ...", "a fantastic drama/thriller with a great cast."
_CALLED_BARE = re.compile(rf"^(?:a|an|one) ((?:[\w-]+,? (?:and )?){{1,3}}){_KIND}\b", re.I)


@dataclass(frozen=True)
class Judged:
    """A sentence's evidence of judging the film."""

    evaluative: int  # evaluative words (the stance lists and the verdict vocabulary)
    judgement: bool  # a whole judgement ("one of the best films of the year", "falls flat")
    film: float  # 1.0 the title named, 0.6 "the film", 0 neither
    award: bool
    first_person: bool
    second_person: bool
    meta: bool  # the writer talking about their writing ("I want to preface my criticism ...")
    deictic: bool  # "convey this idea": it points back at a sentence the member does not see
    hypothetical: bool
    other_film: bool
    people: int  # names other than the title
    lost_referent: bool  # "he", "her", "their" with no name before it: who is meant is in another sentence
    person_led: bool  # "Michael Keaton is terrific as ...": a person is the subject, one person's work is judged


@cache
def _verdict_words() -> frozenset[str]:
    data = wording("aspects_list")
    return (
        frozenset(data["stance"]["positive"])
        | frozenset(data["stance"]["negative"])
        | frozenset(data["verdict"]["words"])
    )


@lru_cache(maxsize=8192)  # pure; the summary, prompts and polls ask of the same sentences
def judge(sentence: str, title: str) -> Judged:
    """The evidence that `sentence` is the critic's judgement of the film `title`."""
    sentence = display(sentence)
    tokens = re.findall(r"[a-zé][a-zé-]*", sentence.lower())
    vocab = _verdict_words()
    titles = short_titles(title)
    head = fold(head_word(title) or title)
    people = [
        n
        for n in find_names(sentence)
        if not any(t in fold(n.text) or fold(n.text) in t for t in titles) and fold(n.text) != head
    ]
    film = max(names_film(sentence, title), 0.6 if PRONOUN_VERDICT.match(sentence) else 0.0)
    return Judged(
        evaluative=len({t for t in tokens if t in vocab}),
        judgement=bool(_JUDGEMENT.search(sentence)) or _called(sentence, vocab),
        film=film,
        award=bool(_AWARD.search(sentence)),
        first_person=bool(_FIRST_PERSON.search(sentence)),
        second_person=bool(re.search(r"\b(?:you|your|you[’']re|you[’']ve)\b", sentence, re.I)),
        meta=bool(_META.search(sentence)),
        deictic=bool(_DEICTIC.search(sentence)),
        hypothetical=bool(_HYPOTHETICAL.search(sentence)),
        # "Clergy (Kler), directed by ...": a film credited in a sentence that never names this one
        other_film=_other_film(sentence, title) or bool(re.search(r"\bdirected by\b", sentence) and not film),
        people=len(people),
        lost_referent=_lost_referent(sentence),
        person_led=any(n.start <= 1 for n in people) and not names_film(sentence[:40], title),
    )


# Third-person pronouns that point at a person or people named elsewhere ("its" is usually the film).
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|theirs)\b", re.I)


def _lost_referent(sentence: str) -> bool:
    """A person pronoun before any proper name of the sentence ("In the first act, he totally embodies ..."):
    read alone, nobody can tell who is meant."""
    m = _PERSON_PRONOUN.search(sentence)
    if not m:
        return False
    names = find_names(sentence)
    if any(n.start < m.start() for n in names):
        return False
    # "the director ... his", "the cast ... their": a role named before the pronoun is its referent
    before = sentence[: m.start()].lower()
    return not re.search(
        r"\b(?:director|actor|actress|writer|filmmaker|star|lead|hero|heroine|protagonist|character|cast|couple|"
        r"family|mother|father|man|woman|boy|girl|men|women|people|kids|children|audience|viewers|critics|fans|"
        r"narrator|villain|everyone|anyone|someone|no one|nobody|soldiers?|friends?)\b",
        before,
    )


def _called(sentence: str, vocab: frozenset[str]) -> bool:
    """The film called something evaluative as a whole ("is a terrific film")."""
    return any(
        any(w in vocab for w in re.findall(r"[a-zé][a-zé-]*", m.group(1).lower()))
        for m in [*_CALLED.finditer(sentence), _CALLED_BARE.match(sentence.strip())]
        if m
    )


def _other_film(sentence: str, title: str) -> bool:
    """A sentence that names another film by its year ("Ariel (1988)"), not the film's own "(2019)"."""
    own = re.sub(rf"({re.escape(title)}){_OWN_YEAR.pattern}", r"\1", display(sentence), flags=re.I)
    return bool(_OTHER_FILM.search(own))


def verdict_score(span: Span, title: str, *, edge: bool) -> float:
    """How much a sentence reads like the review's bottom line on the film (`edge`: at its start or end)."""
    j = judge(span.sentence, title)
    # "one of the most basic formulas" judges no film; "I liked this more than I thought" does
    judged = 3.0 if j.film or j.evaluative or j.first_person else 1.0
    score = 1.5 * min(j.evaluative, 3) + (judged if j.judgement else 0.0) + 2.5 * j.film
    if not j.evaluative and not j.judgement:
        score -= 3.0  # a plot sentence or a fact names the film without judging it
    score += 1.5 if edge else 0.0
    # an award statement is trivia, not the verdict, unless it also judges the film whole
    score -= (1.5 if j.judgement and j.film else 4.0) if j.award else 0.0
    score -= 2.0 if j.hypothetical else 0.0
    score -= 2.5 if j.other_film else 0.0
    score -= 1.5 if j.first_person and not j.film and not j.judgement else 0.0  # the writer's own story
    score -= 1.0 if j.second_person and not j.film else 0.0  # a letter to someone, a reader's aside
    score -= 3.0 if j.meta else 0.0
    score -= 2.0 if j.deictic else 0.0
    score -= 0.75 * min(j.people, 2) if j.film < 1.0 else 0.0  # one person's work, not the film's
    score -= 2.0 if j.person_led else 0.0
    score -= 1.5 if not j.film and aspect_of(span.sentence) else 0.0  # one craft's praise, not the bottom line
    n = len(span.sentence.split())
    return score - (1.0 if n > 45 else 0.0)


def overall_stance(spans: list[Span], title: str) -> int:
    """The review's stance on the film: the summed stance of the sentences that judge it (> 0 warm)."""
    total = 0
    for span in spans:
        if span.sentence.rstrip().endswith("?"):
            continue
        j = judge(span.sentence, title)
        if j.film and not j.award and not j.hypothetical and not j.other_film:
            total += stance(span.sentence)
    return total


def award_news(spans: Sequence[Span], title: str) -> bool:
    """A piece that is largely award news (a sixth of its sentences or more state awards, three at least): its
    names in brackets are films, its "director X" may direct another film."""
    awards = sum(judge(s.sentence, title).award for s in spans)
    return awards >= 3 and awards >= len(spans) / 6
