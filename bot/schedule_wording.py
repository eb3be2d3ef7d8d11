"""Wording of /schedule and /queue added while prompts/ is edited elsewhere; it moves to prompts/schedule.toml."""

from __future__ import annotations

import string

from bot.wording import phrase

PENDING = {
    "run_now_offer": "To post it again now as an extra thread (the coming weeks stay as they are): "
    "/schedule run-now $id extra",
    "run_now_extra_button": "Post it again as an extra",
    "run_now_extra": "Posting an extra thread for schedule #$id now; the coming weeks' threads still come at "
    "their times.",
    "state_posting": "being posted",
    "state_posted": "posted",
    "duplicate_schedule": "Schedule #$id already posts $film in $channel on $day at $time ($tz), so it was not "
    "added again. /schedule list shows it; /schedule remove $id first to replace it.",
    "queue_duplicate": "$label is already number $position in the queue. /queue list shows it.",
}


def schedule_phrase(key: str, **values: object) -> str:
    """A phrase of prompts/schedule.toml, or of PENDING until it moves there."""
    if key in PENDING:
        return string.Template(PENDING[key]).substitute(values)
    return phrase("schedule", key, **values)
