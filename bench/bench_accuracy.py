"""How right the analysis is on folders of hand-labelled real reviews (default: ../shared/dev-reviews).

    python -m bench.bench_accuracy [FOLDER ...] [--reader agree|rules|staged] [--misses] [--dump OUT.json]

A folder holds `<slug>.md` review files with `<slug>.expected.json` labels in the shared set's conventions
(awards, explicit_questions and, where labelled, verdict and spoilers). It prints, per folder and overall: award
facts' precision and recall against the labels, the share of labelled questions found, how often the tl;dr is one
of the labelled verdict sentences, and spoiler marks against the labelled spoiler sentences. `--dump` writes what a
member would see of each review (tl;dr, key points, prompts, polls, trivia, spoiler marks) for a blind judge.

This is the tool for a new batch's first run: label it, run this before changing anything, record the figures.
Review texts stay where they are (others' writing never goes into the project).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.analysis import ANALYSER_VERSION
from bot.analysis.trivia import AwardReader
from bot.models import Analysis
from tests import shared
from tests.unit.analysis.scoring import Labelled, Score, fold, load_dir, score


@dataclass
class Extra:
    """Counts beyond the award and question scores: verdicts and spoiler marks."""

    verdict_reviews: int = 0
    verdict_hits: int = 0
    spoilers_labelled: int = 0
    spoilers_marked: int = 0
    spoilers_right: int = 0


def _same(a: str, b: str) -> bool:
    """One sentence is the other, or holds it (labels are verbatim sentences; outputs may trim a leading "And")."""
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


def _extra(review: Labelled, analysis: Analysis, into: Extra) -> None:
    verdicts = review.labels.get("verdict") or []
    if verdicts:
        into.verdict_reviews += 1
        into.verdict_hits += any(_same(analysis.summary.tldr, v) for v in verdicts)
    spoilers = review.labels.get("spoilers")
    if spoilers is not None:
        marked = [s.sentence for s in analysis.spoilers]
        into.spoilers_labelled += len(spoilers)
        into.spoilers_marked += len(marked)
        into.spoilers_right += sum(any(_same(m, s) for s in spoilers) for m in marked)


def _shown(review: Labelled, analysis: Analysis) -> dict[str, Any]:
    """What a member sees of one review, for a judge."""
    return {
        "slug": review.slug,
        "title": review.meta.get("title", ""),
        "tldr": analysis.summary.tldr,
        "key_points": list(analysis.summary.key_points),
        "prompts": [p.text for p in analysis.prompts],
        "polls": [{"question": p.question, "options": list(p.options)} for p in analysis.polls],
        "trivia": [{"question": f.question, "answer": f.answer} for f in analysis.trivia],
        "spoiler_marks": [s.sentence for s in analysis.spoilers],
    }


def _report(name: str, total: Score, extra: Extra) -> str:
    line = total.line(name)
    if extra.verdict_reviews:
        line += f"; tl;dr a labelled verdict {extra.verdict_hits}/{extra.verdict_reviews}"
    if extra.spoilers_labelled or extra.spoilers_marked:
        line += (
            f"; spoiler marks {extra.spoilers_right} right of {extra.spoilers_marked}"
            f" ({extra.spoilers_labelled} labelled)"
        )
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--reader", default="agree", choices=["agree", "rules", "staged"])
    parser.add_argument("--misses", action="store_true", help="list every missed and extra award fact")
    parser.add_argument("--dump", type=Path, help="write what members would see, per review, as JSON")
    args = parser.parse_args(argv)
    folders: list[Path] = args.folders or [shared.path(shared.DEV_REVIEWS)]
    reader: AwardReader = args.reader
    print(f"analysis accuracy (analyser {ANALYSER_VERSION}, award reader {reader!r})")
    overall, overall_extra, dumped = Score(), Extra(), []
    for folder in folders:
        reviews = load_dir(folder)
        if not reviews:
            print(f"{folder}: no labelled reviews (need <slug>.md beside <slug>.expected.json)", file=sys.stderr)
            return 2
        misses: list[str] = []
        total = score(reviews, misses, reader)
        extra = Extra()
        for review in reviews:
            analysis = review.analyse(reader)
            _extra(review, analysis, extra)
            dumped.append(_shown(review, analysis))
        print(_report(f"{folder.name} ({len(reviews)} reviews)", total, extra))
        if args.misses:
            print("\n".join(f"  {m}" for m in misses))
        for field in ("tp", "fp", "fn", "questions", "found_questions"):
            setattr(overall, field, getattr(overall, field) + getattr(total, field))
        for field in vars(extra):
            setattr(overall_extra, field, getattr(overall_extra, field) + getattr(extra, field))
    if len(folders) > 1:
        print(_report("all", overall, overall_extra))
    if args.dump:
        args.dump.write_text(json.dumps(dumped, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
