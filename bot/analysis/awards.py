"""Award statements of one sentence, read cue by cue."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis import cues as c
from bot.analysis.award_categories import categories, recognitions, with_categories
from bot.analysis.award_draft import Draft
from bot.analysis.award_owned import ADJECTIVE, FILM_COUNT, possessive_prizes
from bot.analysis.lexicon import CATEGORY_RE, find_bodies, tidy_category
from bot.analysis.names import Name, find_names
from bot.analysis.subjects import FILM, PERSON, colon_list, objects, pick_subjects
from bot.analysis.text import Span
from bot.models import AwardResult

_RESULT: dict[str, AwardResult] = {
    "win": "won", "gave": "won", "beat": "won", "nom": "nominated",
    "con": "contender", "rec": "recognized", "lost": "lost",
}  # fmt: skip
_NOMINATION = re.compile(r"\W*(?:[\w’'-]+\W+){0,6}?(?:nods?|nominations?)\b")
# Verbs that state an award only when their object is one ("received praise" is not).
_WEAK = re.compile(
    r"(?:receiv|earn|land|garner|secur|collect|claim|pick|bag|nab|took|take|shar|scor|brought|bring)\w*(?: up)?"
    r"|(?:went|go|goes|going|came|come|walked|left) (?:home |away )?with",
    re.I,
)


def sentence_facts(span: Span, index: int, context: bool) -> list[Draft]:
    """Award facts stated by one sentence; `context` says recent sentences held awards."""
    s = span.sentence
    names = find_names(s)
    found = possessive_prizes(s, span, index)
    all_cues = c.find_cues(s)
    skip = -1
    taken = [m.span() for m in ADJECTIVE.finditer(s)] + [m.span() for m in FILM_COUNT.finditer(s)]
    all_cues = [q for q in all_cues if not any(a <= q.start < b for a, b in taken)]
    owned = [m.start() for m in FILM_COUNT.finditer(s)]
    for i, cue in enumerate(all_cues):
        end = c.scope_end(s, all_cues, i)
        # "a nomination for X, one of the film's nine nominations": the film's count is not this cue's
        end = min([end, *(o for o in owned if cue.end < o < end)])
        if i == skip or _negated(s, cue) or not _awardish(s, cue, end, context or bool(found)):
            continue
        if cue.kind == "beat" and _beat_noun(s, cue):
            continue  # "the story beats are familiar": a noun, nobody beaten
        if cue.kind == "win" and re.match(_WON_OVER, s[cue.end :], re.I):
            continue  # "won over the critics", "it won me over"
        if cue.kind == "win" and i + 1 < len(all_cues) and _NOMINATION.match(s, cue.end, all_cues[i + 1].end):
            # "receiving a nod for X": one nomination, read over both cues.
            cue, skip = c.Cue("nom", cue.start, cue.end, cue.text), i + 1
            end = min([c.scope_end(s, all_cues, i + 1), *(o for o in owned if cue.end < o)])
        found.extend(_cue_facts(s, span, index, names, cue, end))
    return found


def _beat_noun(s: str, cue: c.Cue) -> bool:
    """ "The story beats are familiar", "every beat of it": "beat" as a noun after a determiner or before a verb."""
    if cue.text.lower() not in ("beat", "beats"):
        return False
    before = re.search(
        r"\b(?:a|the|every|each|its|their|his|her|these|those|same|story|plot|emotional|narrative|dramatic|comic|"
        r"familiar|quiet|key|big)\s+$",
        s[: cue.start],
        re.I,
    )
    return bool(before) or bool(re.match(r"\s+(?:are|were|feel|felt|land|landed|of)\b", s[cue.end :]))


# "would win his only Oscar", "would win her first award in 1968": a later win told in the past, not a wish.
_LATER = re.compile(
    r"\s+(?:(?:his|her|their|its)\s+(?:only|first|second|third|last|sole|lone)\b|[^,;]{0,60}\bin\s+(?:19|20)\d\d\b)"
)
_WON_OVER = r"\s+(?:(?:me|us|him|her|them|you|it|everyone|everybody|audiences|critics|viewers|people|fans)\s+)?over\b"
_REALIS_TO = re.compile(
    r"\b(?:went|go|goes|gone|going) on\s+to\s+$|\b(?:managed|able)\s+to\s+$"
    r"|\b(?:first|second|third|fourth|fifth|only|last|youngest|oldest|latest)\b(?:\s+\S+){0,4}?\s+to\s+(?:be\s+)?$"
)


def _irrealis(s: str, cue: c.Cue) -> bool:
    """A hypothetical or wished-for win ("if it wins", "the frontrunner to win", "to be nominated")."""
    before = s[c.comma_start(s, cue.start) : cue.start]
    # "who would later win", "would go on to win": a past narrated from before it happened, not a wish.
    before = re.sub(r"\bwould\s+(?:later|eventually|subsequently|soon|go on to)\b", " ", before, flags=re.I)
    later = _LATER.match(s, cue.end) and not re.search(r"\b(?:if|unless|had it|were it)\b", s[cue.end :], re.I)
    if c.IRREALIS.search(before) and not later:
        return True
    # "to win" is a wish unless it tells what happened ("went on to win", "the first woman to win").
    return bool(re.search(r"\bto\s+(?:be\s+)?$", before)) and not _REALIS_TO.search(before)


def _starts_with_body(text: str) -> bool:
    """Whether the text opens with an award body ("a BAFTA", "two Emmys")."""
    bodies = find_bodies(text)
    return bool(bodies) and bodies[0][0] == 0


def _negated(s: str, cue: c.Cue) -> bool:
    """A negation between the clause start and the cue ("never won"), or before an aside ("not, despite X,")."""
    # "snubbed by the Academy but won the Peabody": a "but" clause starts a new negation scope.
    start = max(c.comma_start(s, cue.start), _but_start(s, cue.start))
    if c.NEGATION.search(s[start : cue.start]):
        return True
    if re.match(
        r"\s+(?:for\s+|with\s+)?(?:none|nothing|neither|no)\b(?!\s+(?:fewer|less|more|small|shortage)\b)",
        s[cue.end :],
        re.I,
    ):
        return True  # "won nothing at all", "won none", "took no awards"
    return bool(re.search(r"\b(?:not|never|n[’']t)\s*,[^,]{0,40},\s*$", s[:start]))


def _but_start(s: str, pos: int) -> int:
    """Where the last "but"/"yet" clause before `pos` starts (0 if none)."""
    starts = [m.end() for m in re.finditer(r"\b(?:but|yet)\s", s[:pos])]
    return starts[-1] if starts else 0


def _awardish(s: str, cue: c.Cue, end: int, context: bool) -> bool:
    """Whether award vocabulary surrounds the cue (else "won us over")."""
    if cue.kind == "con" and cue.text.lower().startswith("deserv") and _deserves_other(s, cue):
        return False  # "it deserves a larger audience", "the most deserved of the night": no award wished for
    strict = cue.text.lower().startswith("scor") or cue.text.lower() == "up for"
    if strict and not (context and c.BARE_COUNT.match(s, cue.end)):
        # "scored a SAG Award", "up for four Oscars"; never "scored by Max Richter, an Oscar nominee", "turned up
        # for the premiere",
        # "scored a 95 on Rotten Tomatoes after its Oscar campaign": the object itself must be the award
        obj = re.match(
            r"[^,.;:!?()]*?(?=\s+(?:on|at|by|after|before|in|with|from|to|as|and|but)\b|[,.;:!?()]|$)", s[cue.end :]
        )
        head = obj.group() if obj else ""
        return bool(head.strip()) and bool(c.AWARDISH.search(head) or find_bodies(head))
    if cue.text.lower().startswith(("brought", "bring")):
        # "brought X the Oscar for Best Actress", never "brought X a second career after the Oscars"
        given = re.match(
            r"[^,.;:!?()]*?(?=\s+(?:after|before|at|in|to|on|with|from|by|as)\b|[,.;:!?()]|$)", s[cue.end :]
        )
        wanted = given.group() if given else ""
        return bool(find_bodies(wanted) or c.AWARDISH.search(wanted))
    if _WEAK.fullmatch(cue.text) and not (context and c.BARE_COUNT.match(s, cue.end)):
        # "received a standing ovation at Cannes" is not a prize: the object itself must be one.
        right = s[cue.end : max(end, cue.end + 50)]
        det = re.match(r"\s+(?:(?:a|an|the|its|his|her|their|two|three|four|five|six|\d+)\s+)?", right)
        owned = re.match(r"(?:[\w-]+\s+)?", right[det.end() if det else 0 :])
        head = right[(det.end() if det else 0) :]
        # "a SAG Award": the body may be the very next word, or follow one modifier ("a second BAFTA")
        bodied = _starts_with_body(head) or _starts_with_body(head[owned.end() if owned else 0 :])
        return bool(c.AWARDISH.search(right) or bodied or categories(s, cue.end, end))
    if c.AWARDISH.search(s[c.clause_start(s, cue.start) : end]) or find_bodies(s):
        return True
    if categories(s, cue.end, end):
        return True
    if cue.kind == "con":
        # "X is more deserving." / "the frontrunner.": no object, so the award is the context's.
        bare = (
            re.match(r"\s*(?:[,.;)]|$)|\s+(?:this|next) (?:time|year)", s[cue.end :])
            or cue.text.lower() == "up against"
        )
        return context and bool(bare)
    if context and cue.kind in ("win", "nom") and c.BARE_COUNT.match(s, cue.end):
        return True  # "Poor Things took five", "Barbie, nominated for five,": the awards of the context
    return context and cue.kind in ("beat", "lost", "win")


def _deserves_other(s: str, cue: c.Cue) -> bool:
    """ "deserves the larger audience": the object of "deserve" is named and is no award."""
    if re.search(
        r"\b(?:most|well|richly|truly|so|more|less|much|(?:was|were|is|are|been)(?: \w+ly)?)\s+$", s[: cue.start], re.I
    ):
        return cue.text.lower() == "deserved"  # an adjective ("the most deserved", "the win was deserved"), not a wish
    if re.match(
        r"\s+(?:every|any|all(?: the)?|each)\s+(?:\w+\s+)?(?:prizes?|awards?|honou?rs?|accolades?|trophy|trophies)\b",
        s[cue.end :],
        re.I,
    ):
        return True  # "deserved every prize going": praise, no award in particular
    obj = re.match(r"\s+((?:an?|the|this|that|its|his|her|their|more|better|much)\b[^,;.]*)", s[cue.end :], re.I)
    if not obj:
        return False
    head = re.split(r"\s(?:that|which|who|for|than)\b", obj.group(1))[0]
    return not (c.AWARDISH.search(head) or find_bodies(head) or categories(head, 0, len(head)))


def _cue_facts(s: str, span: Span, index: int, names: list[Name], cue: c.Cue, end: int) -> list[Draft]:
    """The facts one cue states."""
    result = _RESULT[cue.kind]
    if result in ("won", "nominated") and _irrealis(s, cue):
        result = "contender"
    subjects = _subjects(s, names, cue, end)
    if not subjects and cue.kind == "beat":
        base = Draft("", _body(s, cue, end), None, "lost", span, index)
        beaten = [replace(base, subject=x) for x in objects(s, names, cue.end, len(s))]
        return with_categories(s, names, beaten, cue, end)
    if not subjects:
        return []
    base = Draft("", _body(s, cue, end), None, result, span, index)
    if cue.kind == "rec":
        return recognitions(s, base, subjects, cue, end)
    facts = [replace(base, subject=x) for x in subjects]
    facts = _bodies_per_category(s, with_categories(s, names, facts, cue, end), cue.end, end)
    facts = _ordinal_recipient(s, names, facts, cue.end, end)
    craft = _FOR_CRAFT.match(s, cue.end)
    if craft and craft.group(2) in ("cinematography", "editing", "costume design", "production design"):
        # "one statuette, for Claire Mathon's cinematography": the craft is the category
        facts = [replace(f, category=f.category or tidy_category(craft.group(2).title()), count=False) for f in facts]
    if not any(f.category for f in facts) and cue.kind in ("win", "nom"):
        listed = _object_bodies(s, cue.end)
        if len(listed) > 1:
            # "won the Oscar, the Golden Globe and the BAFTA": one fact per body
            facts = [replace(f, body=b) for f in facts for b in listed]
    if cue.text.lower().startswith("shar"):
        # "shared Best Adapted Screenplay with X": X won it too.
        partner = re.match(r"[^,.;]*?\bwith ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)", s[cue.end :])
        facts += [replace(f, subject=partner.group(1)) for f in facts if f.category] if partner else []
    if cue.kind in ("beat", "lost"):
        other: AwardResult = "lost" if cue.kind == "beat" else "won"
        facts += [replace(f, subject=x, result=other) for x in objects(s, names, cue.end, len(s)) for f in facts[:1]]
    return facts


def _subjects(s: str, names: list[Name], cue: c.Cue, end: int) -> list[str]:
    """Who the cue is about: a list, an object, an owner, or the subject of its clause."""
    listed = colon_list(s, names, cue.end, end if end > cue.end else len(s))
    if listed:
        return listed
    if cue.kind == "gave":
        obj = re.match(r"\s*(it|him|her|them|the (?:film|movie))\b", s[cue.end :])
        if obj:
            return [FILM if obj.group(1) in ("it", "the film", "the movie") else PERSON]
        owned = _OWNED_TITLE.match(s, cue.end)
        if owned:
            return [owned.group(1)]  # "went to Jane Doe's How to Have Sex": the film, whatever its small words
        return objects(s, names, cue.end, end)
    special = _recipient(s, cue)
    if special is not None:
        return special
    craft = _FOR_CRAFT.match(s, cue.end)
    if craft and cue.kind in ("win", "nom"):
        return [craft.group(1)]  # "a single nomination, for Elmer Bernstein's score": the composer's
    lo = c.clause_start(s, cue.start)
    whose = _WHOSE.search(s, lo, cue.start)
    if whose:
        return [whose.group(1)]  # "Wenders, whose Paris, Texas won": what is his won, a title whole
    owner = _WHOSE_NOUN.search(s, 0, cue.start)
    if owner:
        held = [n.text for n in names if n.end == owner.start(1) + len(owner.group(1))]
        if held:
            return held  # "Max Richter, whose music won an Emmy": the antecedent owns it
    colon = s.rfind(": ", lo, cue.start)
    if colon >= 0 and pick_subjects(s, names, colon + 2, cue.start):
        lo = colon + 2  # "X had broken through: Rashomon had taken", "Awards: the film won": a new statement
    pair = re.search(r"(?:^|[(,;]\s*|\band\s+)(?:[Tt]he (?:pair|duo)|[Bb]oth (?:men|women))\s+$", s[: cue.start])
    # "Zeller, who co-wrote it with Christopher Hampton (the pair won ...)": the last two names before it
    found = [n.text for n in names if n.end <= pair.start()][-2:] if pair else []
    found = found if len(found) == 2 else pick_subjects(s, names, lo, cue.start)
    if not found and re.match(r"\s*(?:but|and|yet)?\s*$", s[lo : cue.start], re.I) and lo:
        # "Y was nominated ... but lost to Z": a clause opening on its verb shares the previous clause's subject.
        found = pick_subjects(s, names, c.clause_start(s, lo - 1), lo)
    if not found:
        found = pick_subjects(s, names, 0, lo, strict=True)
    # "Tipped for Best Actress all season, Mia Sol ...": an opening participle phrase describes the next subject
    opening = re.match(r"(?:With|After|Following|Having|Winner of|[A-Z][a-z]{2,}(?:ed|ing))\b", s)
    if not found and opening and "," in s[cue.end :] and "," not in s[: cue.start]:
        comma = s.index(",", cue.end)
        # "Nominated for six Baftas, the film picked up two": the film, not a name later in the sentence
        film = re.match(r",\s+(?:the|this) (?:film|movie|picture)\b", s[comma:], re.I)
        found = [FILM] if film else [n.text for n in names if n.start > comma][:1]
    if not found and not re.search(r"[A-Z]", s):
        found = _lowercase_name(s[lo : cue.start])
    if not found and cue.kind in ("win", "nom") and FILM_COUNT.search(s, lo, cue.start):
        found = [FILM]  # "The film's three nominations all turned into wins": the film's own
    if not found and not c.NOUNS.match(cue.text) and cue.kind not in ("beat",):
        found = [FILM]
    return _to_object(s, cue, end, lo, found)


_PERSONAL = re.compile(r"Act(?:or|ress)|Direct|Screenplay|Script|Writing|Performance", re.I)


def _to_object(s: str, cue: c.Cue, end: int, lo: int, found: list[str]) -> list[str]:
    """ "it earned him his first Oscar nomination", "In Bruges, which won him a Bafta for best screenplay": him.

    A thing that wins for a person hands a personal award (no category, or an acting, directing or writing one) to
    that person; "Pan's Labyrinth that won him 3 Oscars for Cinematography ..." stays the film's.
    """
    if cue.kind not in ("win", "nom") or not re.match(
        r"\s+(?:him|her)\s+(?:a|an|the|his|her|its|their|\d+|two|three|four|five)\b", s[cue.end :]
    ):
        return found
    thing = found == [FILM] or re.search(r"\b(?:which|that)\s+$", s[lo : cue.start])
    cats = categories(s, cue.end, end)
    if thing and all(_PERSONAL.search(k) for k, _ in cats):
        return [PERSON]
    return found


# Words that are never part of a name written in lower case; the first set may stand between a name and its verb.
_BETWEEN_WORDS = "also was were is are has had have been just finally then really actually literally both"
_NOT_NAME_WORDS = """ok so of all the a an and but which who whom i you we they he she it this that film movie tbh lol fr idk
    even still in at for to on with by my her his their its our your not first me us them one who
    happy glad sad proud sure thrilled excited mad angry honestly because when how why since until after before
    like love loved hate hated think thought know knew guess feel felt said says say wish hope glad omg yes yay"""
_BETWEEN = frozenset(_BETWEEN_WORDS.split())
_DETERMINER_WORDS = "the a an this that these those my his her its their our your every each"
_DETERMINERS = frozenset(_DETERMINER_WORDS.split())
_NOT_NAME = _BETWEEN | frozenset(_NOT_NAME_WORDS.split())


def _lowercase_name(before: str) -> list[str]:
    """ "ok so michelle yeoh won": a writer who never capitalises; the two or three words before the verb."""
    words = re.findall(r"[\w’'-]+", before)
    while words and words[-1] in _BETWEEN:
        words.pop()
    run: list[str] = []
    while words and len(run) < 3 and words[-1] not in _NOT_NAME and words[-1].isalpha():
        run.insert(0, words.pop())
    if words and words[-1] in _DETERMINERS:
        return []  # "the cinematography alone deserves an oscar": a noun phrase, not a name
    return [" ".join(w.capitalize() for w in run)] if len(run) >= 2 else []


_CRAFTS = (
    r"score|music|screenplay|script|cinematography|editing|costumes?|costume design|production design|songs?|"
    r"performance|portrayal"
)
# "(a nomination,) for Elmer Bernstein's score": the award goes to the craft's owner.
_FOR_CRAFT = re.compile(
    rf"[^.;:]{{0,50}}?,?\s+for\s+([A-ZÀ-Þ][\w’'-]+(?: [A-ZÀ-Þ][\w’'-]+){{0,3}})[’']s?\s+(?:[a-z]+\s+)?({_CRAFTS})\b"
)
_WHOSE = re.compile(
    r"\bwhose\s+([A-ZÀ-Þ][\w’'-]*(?:(?:,\s+|\s+(?:of|the|and|a|in|on)\s+|\s+)[A-ZÀ-Þ][\w’'-]*)*)"
    r"(?:\s+(?:was|were|is|has|had|have)(?:\s+been)?)?(?:\s+(?:also|later|famously|already))?\s+$"
)


# ", whose music won": a lower-case thing owned by the name before the comma.
_WHOSE_NOUN = re.compile(
    r"([A-ZÀ-Þ][\w’'.-]*)[’']?,\s+whose\s+(?:[a-z-]+\s+){1,3}(?:(?:was|were|has|had|is)\s+)?(?:also\s+)?$"
)


def _recipient(s: str, cue: c.Cue) -> list[str] | None:
    """A subject fixed by the words around the cue (an object, a target, an owner), or None."""
    # A surname alone counts too ("the part earned Keoghan an Oscar nomination"), never a body ("won Oscar a ...").
    recipient = re.match(r"\s+([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)\s+(?:the|an?|her|his|their)\b", s[cue.end :])
    if (
        recipient
        and cue.kind in ("win", "nom")
        and _WEAK.fullmatch(cue.text)
        and not CATEGORY_RE.match(recipient.group(1))
        and not find_bodies(recipient.group(1))
    ):
        return [recipient.group(1)]  # "It earned Olivia Colman the Academy Award", "earned Rosa Vega a nod"
    if not c.is_noun(s, cue):
        return None
    target = re.match(
        rf"\s+(?:around|for|surrounding|behind) ({_TARGET}(?:(?:,\s*|\s+and\s+){_TARGET})*)", s[cue.end :]
    )
    if cue.kind == "con" and target and not CATEGORY_RE.match(target.group(1)):
        # "Oscar buzz around X", "buzz for A's cinematography and B's score": the owners.
        return [m.group(1) for m in re.finditer(_TARGET, target.group(1)) if not CATEGORY_RE.match(m.group(1))]
    owner = re.search(
        r"(?:([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s|\b([Hh]er|[Hh]is|[Ii]ts|[Tt]heir)) (?:\w+ )?$", s[: cue.start]
    )
    if owner:
        return [owner.group(1) or (FILM if owner.group(2).lower() == "its" else PERSON)]
    bare = cue.text.lower().endswith("s") or re.search(r"\bthe (?:[\w-]+ ){0,3}$", s[: cue.start], re.I)
    if bare and not c.COUNT.search(s, max(0, cue.start - 25), cue.end + 25):
        return []  # "the winners", "the nominations": nobody in particular
    return None


# A recipient named by its maker's possessive and a title ("Hong Sang-soo's The Novelist's Film").
_OWNED_TITLE = re.compile(
    r"\s+(?:[A-ZÀ-Þ][\w.-]*\s+){0,3}[A-ZÀ-Þ][\w.-]*[’']s\s+"
    r"([A-ZÀ-Þ][^,;()]*?)(?=\s*(?:[,;(]|\.\s|[.!]?$|\s(?:for|at|while|whereas|and|in)\s))"
)
_AT_BODY = re.compile(r"\s*(?:(?:nominations?|nods?|awards?|prizes?|wins?)\s+)?(?:at|from|by)\s+(?:the\s+)?")
# ", and the BAFTA", " and, eventually, the Oscar": the next body of a list
_MORE_BODY = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\b\s*)(?:,?\s*(?:eventually|finally|later|even|also|then)\s*,\s*)?(?:the\s+|an?\s+)?"
)


def _bodies_per_category(s: str, facts: list[Draft], lo: int, hi: int) -> list[Draft]:
    """ "won A at the Gothams and B and C at the Spirit Awards": each run of categories takes the body
    (or the list of bodies: "at the Oscars, the SAG Awards and the BAFTAs") named right after it."""
    bodies = find_bodies(s)
    runs: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for m in CATEGORY_RE.finditer(s, lo, hi):
        if any(a <= m.start() < b for a, b, _ in bodies):
            continue
        inner = [a for a, _, _ in bodies if m.start() < a < m.end()]
        stop = (
            m.end()
            if not inner
            else m.start() + len(re.sub(r"(?:\s+(?:by|at|from|the))+\s*$", "", s[m.start() : inner[0]]))
        )
        pending.append(s[m.start() : stop])
        named = _body_list(s, stop, bodies)
        if named:
            runs += [(cat, named) for cat in pending]
            pending = []
    if not runs:
        return facts
    out: list[Draft] = []
    for f in facts:
        hit = next((i for i, (cat, _) in enumerate(runs) if f.category and not f.count and cat in f.category), None)
        if hit is None:
            out.append(f)
            continue
        out += [replace(f, body=b) for b in runs.pop(hit)[1]]
    return out


_ORDINAL = re.compile(r",\s+the (first|second|third|fourth|former|latter|last) (?:going|awarded|given) to\b", re.I)
_ORDINALS = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "latter": -1, "last": -1}


def _ordinal_recipient(s: str, names: list[Name], facts: list[Draft], lo: int, hi: int) -> list[Draft]:
    """ "for Best Feature and Best Cinematography, the second going to X": X takes the second category."""
    m = _ORDINAL.search(s, lo)
    cats = [f for f in facts if f.category and not f.count]
    if not m or len(cats) < 2:
        return facts
    who = objects(s, names, m.end(), len(s))
    if not who:
        return facts
    index = _ORDINALS[m.group(1).lower()]
    if index >= len(cats):
        return facts
    target = cats[index]
    return [replace(f, subject=who[0], credit=None) if f is target else f for f in facts]


def _object_bodies(s: str, pos: int) -> list[str]:
    """The bodies listed as the cue's object ("won the Oscar, the Golden Globe and the BAFTA")."""
    bodies = find_bodies(s)
    at = re.compile(r"\s+(?:the\s+|an?\s+)?").match(s, pos)
    found: list[str] = []
    while at:
        body = next((b for b in bodies if b[0] == at.end()), None)
        if body is None:
            break
        found.append(body[2])
        at = _MORE_BODY.match(s, body[1])
    return found


def _body_list(s: str, pos: int, bodies: list[tuple[int, int, str]]) -> list[str]:
    """The bodies named right after `pos` ("at the Oscars, the SAG Awards and the BAFTAs"), in order."""
    at = _AT_BODY.match(s, pos)
    found: list[str] = []
    while at:
        body = next((b for b in bodies if b[0] == at.end()), None)
        if body is None:
            break
        found.append(body[2])
        at = _MORE_BODY.match(s, body[1])
    return found


_TARGET = r"([A-Z][\w-]*(?:[’'][A-Z][\w-]*)?(?: [A-Z][\w-]*(?:[’'][A-Z][\w-]*)?)*)(?:[’']s [a-z-]+)?(?![\w’'])"


def _body(s: str, cue: c.Cue, end: int) -> str | None:
    """The award body nearest the cue within its clause, else anywhere in the sentence."""
    bodies = find_bodies(s)
    lo = c.clause_start(s, cue.start)
    near = [b for b in bodies if lo <= b[0] < max(end, cue.end + 40)] or bodies
    if not near:
        return None
    return min(near, key=lambda b: min(abs(b[1] - cue.start), abs(b[0] - cue.end)))[2]
