"""Award cues: the words that state a win, a nomination, a loss, a prediction or an honour."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.lexicon import CATEGORY_RE

# kind: "win"/"nom"/"rec"/"con" state a result of the subject on the left;
# "lost" (X lost to Y) and "beat" (beat Y) also name others on the right;
# "gave" hands the award to the object on the right; "noun" needs an owner.
_CUES: tuple[tuple[str, str], ...] = (
    (
        "lost",
        r"los(?:t|es|ing)(?: out)?(?: on)?(?: (?:the )?(?-i:[A-Z])[\w’'-]*(?: (?:in a |or |–|-)?(?-i:[A-Z])[\w’'-]*)*"
        r"|(?: (?:that|the|this) (?:award|prize|race|category|honou?r|one)))?"
        r"(?: (?:at|in) (?:the )?(?-i:[A-Z])[\w’'-]*(?: (?-i:[A-Z])[\w’'-]*)*)? to|(?:was |were )?(?:defeated|beaten|bested|edged out) by",
    ),
    (
        "beat",
        r"upset over|(?:finish\w*|came|coming) (?:just |narrowly )?ahead of|beat(?:s|ing)?|"
        r"edg(?:ed|ing) out|triumph(?:ed|ing)? over|defeat(?:ed|ing|s)|trounc\w+",
    ),
    (
        "gave",
        # lower case: "the Academy Awards it ..." names a body, it hands nothing over
        r"(?-i:award(?:ed|s|ing)) (?=it\b|him\b|her\b|them\b|(?-i:[A-Z]))|gave|handed|went to|goes to|go to"
        r"|(?:was|were|been) (?:won|taken|claimed|scooped) by",
    ),
    (
        "win",
        r"won|wins?|winning|took home|(?:went|go|goes|going|came|come|walked|left) (?:home |away )?with|"
        r"(?:was|were|is|been) (?:named|crowned)(?= (?:the )?(?-i:Best|Outstanding|Most) )|tak(?:e|es|en|ing) home|pick(?:ed|s|ing)? up|scoop\w*|"
        r"claim(?:ed|s|ing)|bag(?:ged|s)|collect(?:ed|s)|earn(?:ed|s|ing)|receiv(?:ed|es|ing)|"
        r"land(?:ed|s)|nabb?(?:ed|s)|scor(?:ed|es|ing)|garner(?:ed|s)|secur(?:ed|es)|(?:was |were )?awarded|"
        r"took|takes|taken|shared|shares|swept|sweeps|sweeping|"
        # "brought Frances McDormand the Oscar": only with a named recipient and an object after it
        r"(?:brought|brings|bringing)(?= (?-i:[A-Z])[\w’'-]+(?: (?-i:[A-Z])[\w’'-]+){0,2} (?:the|an?|her|his|their) )|"
        r"winners?|victory|victories|triumph|"
        # the same statements in French, Spanish, Italian ("a remporté la Palme d'or")
        r"a remport[ée]e?|remport(?:e|ait|a)|a gagn[ée]|a obtenu|ganó|obtuvo|ha vinto|vinse",
    ),
    ("nom", r"nominat\w*|nods?|up for"),
    (
        "con",
        r"contenders?|front-?runners?|favou?rites? (?:to|for)|buzz|in contention|in the running|"
        r"tipped|poised|up against|deserv\w*|inevitable|herald\w*|hopefuls?|campaign\w*|predict\w*|"
        r"(?:will|should|could|might) (?:surely |probably |likely )?(?:do better|go one better|go all the way|prevail)|"
        r"(?:a |the )?lock for|shoo-in|dark horse|long shot",
    ),
    (
        "rec",
        r"recogni[sz](?:ed|ing|ation)|recognition|honou?r(?:ed|ing)|named (?:one of|among|as|to)|"
        r"(?:included|featured|placed) (?:on|in)|"
        # A shortlist is a selection, not a nomination; a poll or an honorary award honours without a win.
        r"shortlisted|(?:made|on|to|from) (?:the )?(?:[A-Z][\w-]*[’']s? )?shortlists?|"
        r"voted (?:the )?(?:greatest|best|finest)|(?:given|received|presented with) (?:an |the )?honorary",
    ),
)
CUE_RE = re.compile("|".join(rf"(?P<{k}{i}>\b(?:{p})\b)" for i, (k, p) in enumerate(_CUES)), re.I)

NEGATION = re.compile(
    r"\b(?:not|never|no|without|omitted|snubbed|overlooked|ignored|excluded|denied|missed out|"
    r"passed over|shut out|failed to|lack of|robbed of|cheated (?:out )?of)\b|n[’']t\b",
    re.I,
)
IRREALIS = re.compile(
    r"\b(?:if|whether|would|could|should|might|may|will|hop(?:e|es|ed|ing)|wish\w*|expected|likely|"
    r"set to|bound to|poised to|chance|predict\w*|crying for|calling for|pushing for|lock for|shoo-in|"
    r"front-?runner|favou?rite|contender|buzz|hopeful|"
    r"deserv\w*|potential(?:ly)?|possibl[ey])\b",
    re.I,
)
# A cue counts only near award vocabulary (else "won us over", "earned praise").
AWARDISH = re.compile(
    r"\b(?:awards?|prizes?|trophy|trophies|statuettes?|nominations?|nods?|"
    r"categor(?:y|ies)|Oscars?|Golden|Silver|Palme|Best|best (?:[a-z]+ ){0,2}(?:actor|actress|"
    r"director|picture|film|screenplay)|ten best|top (?:ten|10)|lists?)\b"
)
# Where one clause ends and the next begins (for subjects and negation scope).
CLAUSE = re.compile(
    r"[;]|[,:][\"”’]?\s+(?=(?:and|but|while|whilst|whereas|yet|with|because|although|though|where|when)\b)"
    r"|\s(?=(?:but|while|whilst|whereas|because)\s)"
    r"|\s(?=and (?:the (?:film|movie)|it|he|she|they)\b)",
    re.I,
)
# A count whose noun is understood from the context ("Poor Things took five", "nominated for five,").
BARE_COUNT = re.compile(
    r"\s+(?:for\s+)?(?:all\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen)(?=\s*(?:[,.;:)]|$)|\s+(?:of|in|at|and|but)\b)",
    re.I,
)
NOUNS = re.compile(r"^(?:wins?|winners?|victor(?:y|ies)|triumph|nominations?|nods?|buzz)$", re.I)
COUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|twenty)\s+(?:total\s+|more\s+|major\s+|other\s+|[\w-]+\s+){0,2}"
    r"(?:nominations|nods|awards|wins|prizes|Oscars|BAFTAs|categories|trophies|statuettes)\b"
    r"|\b(?:for|of|total of) (?:\d+|[a-z]+teen) each\b",
    re.I,
)


@dataclass(frozen=True)
class Cue:
    """One award cue in a sentence."""

    kind: str
    start: int
    end: int
    text: str


MAX_CUES = 16  # a real sentence states a handful; a scrape run-on must not cost seconds


def find_cues(sentence: str) -> list[Cue]:
    """Award cues of a sentence, in order (at most MAX_CUES)."""
    cues = []
    for m in CUE_RE.finditer(sentence):
        if sentence[m.start() - 1 : m.start()] == "-":
            continue  # "award-winning novel", "prize-winning": an epithet, read elsewhere if it names a body
        cues.append(Cue((m.lastgroup or "x").rstrip("0123456789"), m.start(), m.end(), m.group()))
        if len(cues) == MAX_CUES:
            break
    return cues


def clause_start(sentence: str, pos: int) -> int:
    """Start of the clause holding `pos`."""
    starts = [m.end() for m in CLAUSE.finditer(sentence, 0, pos)]
    return starts[-1] if starts else 0


def comma_start(sentence: str, pos: int) -> int:
    """Start of the comma-delimited stretch holding `pos` (for negation scope)."""
    cut = max(sentence.rfind(",", 0, pos), sentence.rfind(";", 0, pos), sentence.rfind("(", 0, pos))
    return cut + 1


def scope_end(sentence: str, cues: list[Cue], index: int) -> int:
    """Where the right-hand scope of cue `index` stops: next cue or clause."""
    end = cues[index + 1].start if index + 1 < len(cues) else len(sentence)
    for m in CLAUSE.finditer(sentence, cues[index].end, end):
        # ", and Supporting Actor" closes a list of categories, not the clause.
        after = re.match(r"(?:and|&)\s+", sentence[m.end() :])
        if not (after and CATEGORY_RE.match(sentence, m.end() + after.end())):
            return m.start()
    return end


def is_noun(s: str, cue: Cue) -> bool:
    """A noun cue ("her win", "the nominations"), as opposed to a verb ("it wins")."""
    if not NOUNS.match(cue.text):
        return False
    if cue.text.lower() in ("win", "wins"):
        return bool(
            # "its Cannes win", "her Oscar win": a body may stand between the owner and the noun
            re.search(
                r"(?:[’']s|\b(?:the|a|an|her|his|its|their|this|that|surprise|big))\s+(?:(?-i:[A-Z])[\w’'-]*\s+){0,2}$",
                s[: cue.start],
                re.I,
            )
        )
    return True
