"""Analysis to and from the Analysis JSON contract of ARCHITECTURE.md."""

from __future__ import annotations

from typing import Any

from bot.models import Analysis, AwardFact, PollSpec, Prompt, Source, Summary


def analysis_to_json(a: Analysis) -> dict[str, Any]:
    """The contract's JSON object for an analysis (extra fields: quoted, spoiler, prompts_note, spoilers, version)."""
    return {
        "film": {"title": a.title, "year": a.year},
        "summary": {"tldr": a.summary.tldr, "key_points": list(a.summary.key_points)},
        "prompts": [_prompt(p) for p in a.prompts],
        "prompts_note": a.prompts_note or None,
        "trivia": [_fact(f) for f in a.trivia],
        "polls": [_poll(p) for p in a.polls],
        "spoilers": [s.to_json() for s in a.spoilers],
        "version": a.version,
    }


def _prompt(p: Prompt) -> dict[str, Any]:
    return {"text": p.text, "kind": p.kind, "source": p.source.to_json(), "quoted": p.quoted, "spoiler": p.spoiler}


def _fact(f: AwardFact) -> dict[str, Any]:
    keys = ("subject", "film", "award", "category", "result", "question", "answer")
    return {k: getattr(f, k) for k in keys} | {"source": f.source.to_json()}


def _poll(p: PollSpec) -> dict[str, Any]:
    source = p.source.to_json() if p.source else None
    return {"question": p.question, "options": list(p.options), "source": source, "multiple": p.multiple}


def _source(d: dict[str, Any] | None) -> Source:
    d = d or {"sentence": "", "start": 0, "end": 0}
    return Source(str(d["sentence"]), int(d["start"]), int(d["end"]))


def analysis_from_json(d: dict[str, Any]) -> Analysis:
    """Rebuild an Analysis from `analysis_to_json` output (the store's cache)."""
    return Analysis(
        title=d["film"]["title"],
        year=d["film"]["year"],
        summary=Summary(d["summary"]["tldr"], tuple(d["summary"]["key_points"])),
        prompts=tuple(
            Prompt(p["text"], p["kind"], _source(p["source"]), p.get("quoted", False), p.get("spoiler", False))
            for p in d["prompts"]
        ),
        trivia=tuple(
            AwardFact(**{k: v for k, v in f.items() if k != "source"}, source=_source(f["source"])) for f in d["trivia"]
        ),
        polls=tuple(
            PollSpec(
                p["question"],
                tuple(p["options"]),
                _source(p["source"]) if p.get("source") else None,
                p.get("multiple", False),
            )
            for p in d["polls"]
        ),
        spoilers=tuple(_source(s) for s in d.get("spoilers", [])),
        version=d.get("version", ""),
        prompts_note=d.get("prompts_note") or "",
    )
