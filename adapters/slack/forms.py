"""The core's Form as a Slack modal (views.open), and a view_submission as the command's option values."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters.slack.blocks import escape, trim
from bot.members import w
from bot.models import Form, Message

CALLBACK = "filmclub:form"
TITLE_MAX = 24  # a modal's title, submit and close labels
LABEL_MAX = 2000
TEXT_MAX = 4000
METADATA_MAX = 3000
ERROR_MAX = 150


def _plain(text: str, limit: int) -> PlainTextObject:
    return PlainTextObject(text=trim(text, limit), emoji=False)


def form_view(form: Form, channel: str) -> dict[str, Any] | None:
    """The modal of a form, with the film and channel in its private_metadata; None if they do not fit."""
    metadata = json.dumps({"command": form.command, "film": form.film, "channel": channel}, ensure_ascii=False)
    if len(metadata) > METADATA_MAX:
        return None
    spoilers = Option(value="yes", label=w("form_spoilers_label"))
    view = View(
        type="modal",
        callback_id=CALLBACK,
        private_metadata=metadata,
        title=_plain(w("form_short_title"), TITLE_MAX),
        submit=_plain(w("form_submit"), TITLE_MAX),
        close=_plain(w("form_cancel"), TITLE_MAX),
        blocks=[
            SectionBlock(text=_plain(form.title, 3000)),
            InputBlock(
                block_id="rating",
                label=_plain(w("form_rating_label"), LABEL_MAX),
                optional=True,
                element=PlainTextInputElement(
                    action_id="rating",
                    initial_value=form.rating or None,
                    max_length=10,
                    placeholder=_plain(w("form_rating_hint"), 150),
                ),
            ),
            InputBlock(
                block_id="text",
                label=_plain(w("form_text_label"), LABEL_MAX),
                element=PlainTextInputElement(
                    action_id="text",
                    multiline=True,
                    max_length=TEXT_MAX,
                    initial_value=form.text[:TEXT_MAX] or None,
                    placeholder=_plain(w("form_text_hint"), 150),
                ),
            ),
            InputBlock(
                block_id="spoilers",
                label=_plain(w("form_spoilers_label"), LABEL_MAX),
                optional=True,
                element=CheckboxesElement(
                    action_id="spoilers", options=[spoilers], initial_options=[spoilers] if form.spoilers else None
                ),
            ),
        ],
    )
    body: dict[str, Any] = view.to_dict()
    return body


def submitted(view: Any) -> tuple[str, str, dict[str, str]] | None:
    """(command, channel, option values) of a submitted filmclub modal; None if it is not one or is malformed."""
    if not isinstance(view, dict) or view.get("callback_id") != CALLBACK:
        return None
    try:
        meta = json.loads(str(view.get("private_metadata") or ""))
    except ValueError:
        return None
    if not isinstance(meta, dict) or not all(isinstance(meta.get(k), str) for k in ("command", "film", "channel")):
        return None
    state = view.get("state", {}).get("values", {}) if isinstance(view.get("state"), dict) else {}
    values = {"film": meta["film"], "rating": _value(state, "rating"), "text": _value(state, "text")}
    chosen = _field(state, "spoilers").get("selected_options")
    values["spoilers"] = "yes" if isinstance(chosen, list) and chosen else "no"
    return meta["command"], meta["channel"], values


def _field(state: Any, name: str) -> dict[str, Any]:
    block = state.get(name) if isinstance(state, dict) else None
    found = block.get(name) if isinstance(block, dict) else None
    return found if isinstance(found, dict) else {}


def _value(state: Any, name: str) -> str:
    value = _field(state, name).get("value")
    return value if isinstance(value, str) else ""


def plain(message: Message) -> str:
    """A short notice's text (its paragraphs), for modal errors and the saved view."""
    return " ".join("".join(r.text for r in p) for s in message.sections for p in s.paragraphs)


def errors(message: Message) -> dict[str, Any]:
    """The ack that keeps the modal open with the problem under the field it is about."""
    where = dict(message.meta).get("field", "text")
    return {"response_action": "errors", "errors": {where: escape(trim(plain(message), ERROR_MAX))}}


def saved(message: Message) -> dict[str, Any]:
    """The ack that turns the modal into the confirmation."""
    view = View(
        type="modal",
        title=_plain(w("form_saved_title"), TITLE_MAX),
        close=_plain(w("form_close"), TITLE_MAX),
        blocks=[SectionBlock(text=_plain(plain(message), 3000))],
    )
    return {"response_action": "update", "view": view.to_dict()}
