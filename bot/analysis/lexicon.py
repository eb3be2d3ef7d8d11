"""Award vocabulary: bodies, prize names, category heads (data, not wording)."""

from __future__ import annotations

import re
from functools import lru_cache

# "Oscar Isaac", "Emmy Rossum": a capitalised word after the alias makes it a first name.
_NOT_A_NAME = (
    r"(?! (?!(?:Awards?|Best|Buzz|Race|Season|Night|Nominations?|Nominee|Winner|Campaign|Ceremony)\b)[A-Z][a-z])"
)
# (pattern, canonical body). Order matters: specific names before short aliases.
_BODIES: tuple[tuple[str, str], ...] = (
    (
        rf"Academy Awards?|(?<=[Tt]he )Academy\b(?! of (?!Motion))|Oscars\b|Oscar\b{_NOT_A_NAME}|Oscar-(?:winning|nominated)",
        "Academy Awards",
    ),
    # "nominated for three Baftas": British papers write the acronym as a word.
    (r"British Academy (?:Film )?Awards?|BAFTAs?\b|Baftas?\b", "BAFTA Awards"),
    (r"Golden Globes?(?: Awards?)?", "Golden Globes"),
    (r"Screen Actors Guild(?: Awards?)?|SAG(?: Awards?)?\b", "SAG Awards"),
    (r"Directors Guild(?: of America)?(?: Awards?)?|\bDGA\b", "Directors Guild"),
    (r"Producers Guild(?: of America)?(?: Awards?)?|\bPGA\b", "Producers Guild"),
    (r"Writers Guild(?: of America)?(?: Awards?)?|\bWGA\b", "Writers Guild"),
    (r"Critics[’']? Choice(?: Movie)?(?: Awards?)?", "Critics Choice Awards"),
    (r"British Independent Film Awards?|BIFAs?\b", "British Independent Film Awards"),
    (r"(?:Film )?Independent Spirit(?: Awards?)?|Spirit Awards?", "Independent Spirit Awards"),
    (r"Cannes(?: Film Festival)?|Palme d[’'][Oo]r|Cam[ée]ra d[’'][Oo]r|Un Certain Regard", "Cannes Film Festival"),
    (
        r"Venice(?: International)?(?: Film Festival)?|Golden Lion|Silver Lion|Volpi Cup|Leone d[’']\s?(?:[Oo]ro|[Aa]rgento)",
        "Venice Film Festival",
    ),
    (r"Berlinale|Berlin(?: International)? Film Festival|Golden Bear|Silver Bear", "Berlinale"),
    (
        # "the top prize at Toronto": the city stands for its festival only after "at"
        r"Toronto International Film Festival|Toronto Film Festival|\bTIFF\b|(?<=\bat )Toronto\b(?! [A-Z])",
        "Toronto International Film Festival",
    ),
    (r"Sundance(?: Film Festival)?", "Sundance Film Festival"),
    (r"Gotham(?: Independent Film)? Awards?|Gothams\b", "Gotham Awards"),
    (r"C[ée]sar Awards?|C[ée]sars\b|C[ée]sar\b(?= for| du)", "César Awards"),
    (r"European Film Awards?", "European Film Awards"),
    (r"Goya Awards?|Goyas\b|Goya\b(?= (?:a|al|de|for|award)\b)", "Goya Awards"),
    (rf"Emmy Awards?|Emmys\b|Emmy\b{_NOT_A_NAME}", "Emmy Awards"),
    (r"Annie Awards?", "Annie Awards"),
    (r"International Documentary Association(?: Awards?)?|IDA(?: Documentary)? Awards?", "IDA Documentary Awards"),
    (r"Sight (?:and|&) Sound(?: critics[’']? poll| poll)?", "Sight and Sound"),
    (r"Saturn Awards?", "Saturn Awards"),
    (r"National Board of Review", "National Board of Review"),
    (r"New York Film Critics Circle", "New York Film Critics Circle"),
    (r"Los Angeles Film Critics Association", "Los Angeles Film Critics Association"),
    (r"Golden Raspberry(?: Awards?)?|Razzies?", "Golden Raspberry Awards"),
    (r"Locarno(?: Film Festival)?|Golden Leopard", "Locarno Film Festival"),
    (r"San Sebasti[aá]n(?: Film Festival)?|Golden Shell", "San Sebastián Film Festival"),
    (r"Karlovy Vary(?: Film Festival)?|Crystal Globe", "Karlovy Vary Film Festival"),
    (r"Pulitzer(?: Prize)?", "Pulitzer Prize"),
    (r"Peabody(?: Awards?)?", "Peabody Awards"),
    (r"Grammys?(?: Awards?)?", "Grammy Awards"),
)
# The lookahead lets the engine skip lower-case positions at once: every body starts in upper case.
BODY_RE = re.compile("(?=[A-ZÉ])(?:" + "|".join(f"(?P<b{i}>{p})" for i, (p, _) in enumerate(_BODIES)) + ")")
# "César Awards (French Oscars)": a national adjective glosses another body.
_GLOSS = re.compile(
    r"(?:French|Spanish|German|British|Italian|Korean|Indian|Canadian|Mexican|Japanese|Chinese|Australian|"
    r"Brazilian|Swedish|Danish|Norwegian|Polish|Russian|Irish|Argentine|Iranian|Turkish|Dutch|Belgian)\s*$"
)

# Prize names that are categories of their own (festival prizes).
PRIZE = (
    r"(?:Palme d[’'][Oo]r|Cam[ée]ra d[’'][Oo]r|Golden (?:Lion|Bear|Leopard|Shell)|"
    r"(?:(?:U\.S\.|World Cinema) )?Grand Jury Prize(?:: (?:U\.S\. |World Cinema )?(?:Documentary|Dramatic))?|"
    r"Prix (?:du|de la|des|d[’']|de l[’'])\s?[a-zéèê]+(?: [a-zéèê]+)?|"
    r"Silver (?:Lion|Bear)(?: Grand Jury Prize| Jury Prize)?|Volpi Cup|Leone d[’']\s?(?:[Oo]ro|[Aa]rgento)|Grand Prix|Grand Jury Prize|Jury Prize|"
    r"(?:Un Certain Regard|Critics[’'] Week|Directors[’'] Fortnight|Orizzonti|Panorama|Encounters|Horizons)"
    r"(?: Grand| Jury| Special)? (?:Prize|Award)|"
    r"People[’']s Choice Award|Audience Award|Crystal Globe|"
    r"[A-Z][a-zé]+ (?:Prize|Palm|Medal|Cup|Trophy)|(?:acting|directing|top|main|screenplay) (?:prize|award|honou?r))"
)
# Heads that end an award category ("Best Supporting Actress", "Art Direction").
HEADS = (
    r"(?:Picture|Film|Director|Directing|Direction|Actor|Actress|Performance|Screenplay|"
    r"Script|Writing|Cinematography|Editing|Score|Song|Music|Documentary|Feature|"
    r"Ensemble|Cast|Casting|Design|Makeup|Hairstyling|Effects|Sound|Animation|"
    r"Debut|Newcomer|Ensemble|Costumes?|Foreign Language Film|Short)"
)
# Title-case words, joined by small words or a dash ("Best Actress in a Musical or Comedy",
# "Best Motion Picture – Drama"), but never across "and Best" (two categories).
_JOINER = r"(?:\s(?:in|a|an|of|by|or|and|the|[–-]))*\s(?!(?:Best|Outstanding|Most)\b)"
_TITLE = rf"[A-Z][\w’'-]*(?:{_JOINER}[A-Z][\w’'-]*)*"
CATEGORY_RE = re.compile(
    rf"{PRIZE}(?: for (?:Best|Outstanding|Most) {_TITLE})?"
    rf"|\b(?:Best|Outstanding|Most) {_TITLE}"
    # "best picture and best director": two categories, never one across "and best"
    rf"|\bbest (?:(?!and best\b|or best\b|best\b)[a-z-]+ ){{0,3}}(?:{HEADS.lower()})\b"
    rf"|(?<![\w’'])(?:(?:Lead(?:ing)?|Supporting|Adapted|Original|Visual|Production|Costume|Art|Film|Sound) )?{HEADS}\b"
    # British lower case without "best" ("won the Bafta for adapted screenplay"); read only after "for" or in a list
    r"|\b(?:adapted|original) screenplay\b|\bsupporting (?:actor|actress)\b"
)
# Bare heads that officially carry "Best" ("Director" in a list = Best Director).
BEST_HEADS = re.compile(
    r"(?:Picture|Film|Director|(?:Lead(?:ing)? |Supporting )?(?:Actor|Actress)|"
    r"(?:Adapted |Original )?Screenplay|Foreign Language Film|International (?:Feature )?Film|"
    r"Documentary(?: Feature)?|Animated Feature)$"
)


def find_bodies(text: str) -> list[tuple[int, int, str]]:
    """Award bodies named in `text`: (start, end, canonical name)."""
    return list(_bodies(text))


@lru_cache(maxsize=4096)
def _bodies(text: str) -> tuple[tuple[int, int, str], ...]:
    """Cached: every part of the analysis asks about the same sentences."""
    found: list[tuple[int, int, str]] = []
    if not re.search(r"[A-Z]", text):
        # A writer who never capitalises ("won the oscar"): read the words capitalised, offsets unchanged.
        text = re.sub(r"\b(?:(bafta|sag|dga|pga|wga|tiff|ida)(?=s?\b)|[a-z])", _capital, text)
    for m in BODY_RE.finditer(text):
        if _GLOSS.search(text[max(0, m.start() - 12) : m.start()]) or not m.lastgroup:
            continue
        found.append((m.start(), m.end(), _BODIES[int(m.lastgroup[1:])][1]))
    return tuple(found)


def _capital(m: re.Match[str]) -> str:
    """A lower-case word's capital, or an acronym in capitals ("bafta" -> "BAFTA")."""
    return m.group().upper()


def normalise_body(name: str) -> str:
    """The canonical name of an award body, or the name itself if unknown."""
    found = find_bodies(name)
    return found[0][2] if found else name.strip()


def tidy_category(raw: str) -> str:
    """A category as people write it: trailing 'award' dropped, title case, 'Best' restored."""
    cat = raw.strip()
    if re.match(r"(?:Best|Outstanding|Most)\b", cat, re.I):
        cat = re.sub(
            r"\s+(?:award|prize|nod|nomination|trophy|statuette|Oscar|BAFTA|Globe|Emmy)s?$", "", cat, flags=re.I
        )
    cat = cat.strip(" ,.;:")
    if cat.islower() and cat.startswith("best "):
        cat = cat.title()
    if cat.islower() and BEST_HEADS.fullmatch(cat.title()):
        cat = cat.title()  # "adapted screenplay" -> "Best Adapted Screenplay"
    if BEST_HEADS.fullmatch(cat):
        cat = f"Best {cat}"
    return cat
