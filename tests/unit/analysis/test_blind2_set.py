"""The second blind set: ten reviews in voices far apart, written and labelled before any fix, scored and checked."""

from __future__ import annotations

from tests.unit.analysis.scoring import ROOT, load_dir

BLIND2 = ROOT / "tests" / "fixtures" / "blind2"
REVIEWS = load_dir(BLIND2)


def test_blind2_spoiler_section_is_marked() -> None:
    """Everything under a "Spoiler warning" line is marked, so the death it reveals is hidden."""
    review = next(r for r in REVIEWS if "Spoiler warning" in r.text)
    marked = " ".join(s.sentence for s in review.analyse().spoilers)
    death = next(line for line in review.text.splitlines() if " die " in line)
    for sentence in death.split(". ")[1:3]:
        assert sentence.rstrip(".") in marked, sentence
