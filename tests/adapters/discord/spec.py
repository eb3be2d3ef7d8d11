"""Request bodies checked against Discord's OpenAPI specification and message limits."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from tests.shared import DISCORD_SPEC, need

# The interaction callback body is an anyOf of every callback type: also check the one sent.
CALLBACK_TYPES = {4: "CreateMessageInteractionCallbackRequest", 5: "CreateMessageInteractionCallbackRequest"}
CALLBACK_TYPES |= {8: "ApplicationCommandAutocompleteCallbackRequest", 9: "ModalInteractionCallbackRequest"}


@cache
def spec() -> dict[str, Any]:
    """The specification from the shared folder (see tests/shared.py); skips the test when it is absent."""
    return json.loads(need(DISCORD_SPEC).read_text("utf-8"))


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    paths = sorted(spec()["paths"], key=lambda p: p.count("{"))  # literal segments (@original) first
    return [(re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(p)) + "$"), p) for p in paths]


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    # "#/components/..." references resolve against the root: give the schema the components.
    return Draft202012Validator({**schema, "components": spec()["components"]})


def body_schema(method: str, path: str) -> dict[str, Any]:
    """The JSON request-body schema of the operation that `method path` calls."""
    for pattern, template in _templates():
        operation = spec()["paths"][template].get(method.lower())
        if operation and pattern.match(path):
            return operation["requestBody"]["content"]["application/json"]["schema"]
    raise AssertionError(f"no {method} {path} in the Discord OpenAPI specification")


def validate(method: str, path: str, body: Any) -> None:
    """Raise if the body does not match the specification's request schema."""
    _validator(body_schema(method, path)).validate(body)
    if path.endswith("/callback") and body.get("type") in CALLBACK_TYPES:
        _validator({"$ref": f"#/components/schemas/{CALLBACK_TYPES[body['type']]}"}).validate(body)


def message_part(path: str, body: Any) -> dict[str, Any] | None:
    """The message inside a request body (callback data, webhook, message create, forum post)."""
    if path.endswith("/callback"):
        return body.get("data") if body.get("type") in (4, 7) else None
    if "/threads" in path:
        return body.get("message")
    if path.endswith("/messages") or re.search(r"^/webhooks/[^/]+/[^/]+(/messages/.*)?$", path):
        return body
    return None


def check_limits(message: dict[str, Any]) -> None:
    """Every Discord message limit, and no mention allowed."""
    assert message.get("allowed_mentions") == {"parse": []}, message.get("allowed_mentions")
    assert len(message.get("content") or "") <= 2000
    embeds = message.get("embeds") or []
    assert len(embeds) <= 10
    total = 0
    for embed in embeds:
        fields = embed.get("fields") or []
        assert len(embed.get("title") or "") <= 256
        assert len(embed.get("description") or "") <= 4096
        assert len(fields) <= 25
        assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in fields)
        footer = (embed.get("footer") or {}).get("text") or ""
        assert len(footer) <= 2048
        total += len(embed.get("title") or "") + len(embed.get("description") or "") + len(footer)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000


def check_all(requests: list[Any]) -> int:
    """Validate every captured body; returns how many were checked."""
    checked = 0
    for request in requests:
        if request.json is None:
            continue
        validate(request.method, request.path, request.json)
        message = message_part(request.path, request.json)
        if message is not None:
            check_limits(message)
        checked += 1
    return checked


def response_schema(method: str, path: str, status: int = 200) -> dict[str, Any]:
    """The JSON schema of the answer with `status` of the operation that `method path` calls."""
    for pattern, template in _templates():
        operation = spec()["paths"][template].get(method.lower())
        if operation and pattern.match(path):
            return operation["responses"][str(status)]["content"]["application/json"]["schema"]
    raise AssertionError(f"no {method} {path} in the Discord OpenAPI specification")


def check_response(method: str, path: str, payload: Any, status: int = 200) -> None:
    """Raise if the fake's answer does not match the specification's response schema."""
    _validator(response_schema(method, path, status)).validate(payload)
