"""The award reader: find mentions -> resolve subject, body, category -> decide the result -> validate.

Each stage is a small module of pure functions; the vocabularies are data files in `bot/analysis/data/`.
`read_facts` is the whole pipeline; `bot.analysis.trivia` phrases its facts as questions.
"""

from __future__ import annotations

from bot.analysis.award_reader.facts import Fact
from bot.analysis.award_reader.reader import read_facts

__all__ = ["Fact", "read_facts"]
