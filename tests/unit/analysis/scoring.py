"""Reading labelled reviews and scoring the analysis against them (test helpers)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.analysis import analyze
from bot.analysis.award_reader.catalogue import canonical_award
from bot.analysis.questions import explicit_questions
from bot.analysis.text import split_sentences
from bot.analysis.trivia import AwardReader
from bot.models import Analysis
from tests import shared

ROOT = Path(__file__).resolve().parents[3]
DEV_DIR = shared.path(shared.DEV_REVIEWS)  # may be absent: tests call shared.need(shared.DEV_REVIEWS)
ANORA_TEXT = shared.path(shared.ANORA_REVIEW)
FIXTURES = ROOT / "tests" / "fixtures" / "reviews"
REPORT: list[str] = []  # printed at the end of the session by conftest.py

Key = tuple[str, str | None, str | None, str]


@dataclass(frozen=True)
class Labelled:
    """One review file with its hand labels."""

    slug: str
    meta: dict[str, str]
    text: str
    labels: dict[str, Any]

    def analyse(self, reader: AwardReader = "rules") -> Analysis:
        """The analysis of this review, its trivia from the given award reader."""
        year = self.meta.get("year", "")
        return analyze(self.text, title=self.meta["title"], year=int(year) if year.isdigit() else None, awards=reader)


@dataclass
class Score:
    """Counts for award facts and explicit questions over a set of reviews."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    questions: int = 0
    found_questions: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def question_recall(self) -> float:
        return self.found_questions / self.questions if self.questions else 1.0

    def line(self, name: str) -> str:
        """A one-line report."""
        return (
            f"{name}: awards P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn}); explicit questions "
            f"{self.found_questions}/{self.questions} = {self.question_recall:.3f}"
        )


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """A simple `---` block of `key: value` lines, then the text."""
    if not raw.startswith("---\n"):
        return {}, raw
    head, _, text = raw[4:].partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "-")):
            meta[key.strip()] = value.split("#")[0].strip()
    return meta, text


def load_dir(folder: Path) -> list[Labelled]:
    """Every `<slug>.md` with a `<slug>.expected.json` beside it."""
    out = []
    for md in sorted(folder.glob("*.md")):
        labels = md.with_suffix(".expected.json")
        if labels.exists():
            meta, text = split_front_matter(md.read_text(encoding="utf-8"))
            out.append(Labelled(md.stem, meta, text, json.loads(labels.read_text(encoding="utf-8"))))
    return out


def fold(text: str | None) -> str:
    """Case, accents, curly quotes, a trailing full stop and a leading "Best" ignored."""
    text = unicodedata.normalize("NFKD", (text or "").replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip().rstrip(".")
    return re.sub(r"\s+", " ", re.sub(r"^best ", "", text))


def _canonical(body: str | None, category: str | None) -> tuple[str | None, str | None]:
    """Body and category in the catalogue's canonical form (an unknown category stays as written); a label's
    "unspecified" body is no body."""
    name, canonical = canonical_award(None if body == "unspecified" else body, category)
    return name, fold(canonical) if canonical else None


def label_key(label: dict[str, Any]) -> Key:
    """A label as a comparable key (None = any)."""
    body, category = _canonical(label["award_body"], label["category"])
    return (fold(label["person_or_film"]), body, category, label["result"])


def fact_key(analysis: Analysis) -> list[Key]:
    """The analysis' facts as comparable keys."""
    return [(fold(f.subject), *_canonical(f.award, f.category), f.result) for f in analysis.trivia]


def _matches(label: Key, fact: Key) -> bool:
    return (
        label[0] == fact[0]
        and label[3] == fact[3]
        and (label[1] is None or label[1] == fact[1])
        and (label[2] is None or label[2] == fact[2])
    )


def score(reviews: list[Labelled], misses: list[str] | None = None, reader: AwardReader = "rules") -> Score:
    """Greedy one-to-one matching of labels to facts (specific labels first)."""
    total = Score()
    for review in reviews:
        analysis = review.analyse(reader)
        facts = fact_key(analysis)
        used: set[int] = set()
        labels = sorted((label_key(x) for x in review.labels["awards"]), key=lambda k: (k[1] is None) + (k[2] is None))
        for label in labels:
            hit = next((i for i, f in enumerate(facts) if i not in used and _matches(label, f)), None)
            if hit is None:
                total.fn += 1
                if misses is not None:
                    misses.append(f"{review.slug}: missed {label}")
            else:
                used.add(hit)
                total.tp += 1
        total.fp += len(facts) - len(used)
        if misses is not None:
            misses.extend(f"{review.slug}: extra {f}" for i, f in enumerate(facts) if i not in used)
        # The detector's recall: prompts keep only the real questions among them (clean_question).
        asked = {q.text.strip() for q in explicit_questions(split_sentences(review.text))}
        for question in review.labels["explicit_questions"]:
            total.questions += 1
            total.found_questions += question.strip() in asked
    return total
