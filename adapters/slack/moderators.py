"""Who moderates a Slack club: workspace admins and owners, and members of SLACK_MODERATOR_GROUP."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.retries import CONNECTION_ERRORS

log = logging.getLogger(__name__)
TTL = 300.0  # a promotion or demotion takes effect within five minutes
_GROUP_ID = re.compile(r"^S[A-Z0-9]{6,}$")


class Moderators:
    """Answers "is this member a moderator?" with few Web API calls (cached per member and for the group)."""

    def __init__(self, group: str | None = None, ttl: float = TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self.group = (group or "").strip().lstrip("@") or None
        self.ttl = ttl
        self.clock = clock
        self._members: dict[str, tuple[float, bool]] = {}
        self._group: tuple[float, frozenset[str]] | None = None

    async def check(self, client: AsyncWebClient, user_id: str) -> bool:
        """Whether `user_id` is a moderator; a failed lookup counts as "no" (refused politely, logged)."""
        cached = self._members.get(user_id)
        if cached and self.clock() - cached[0] < self.ttl:
            return cached[1]
        try:
            allowed = await self._is_admin(client, user_id) or user_id in await self._group_members(client)
        except SlackApiError as exc:
            log.warning("moderator check for %s failed: %s", user_id, exc.response.get("error"))
            return False
        except CONNECTION_ERRORS as exc:
            log.warning("moderator check for %s failed: %s", user_id, type(exc).__name__)
            return False
        self._members[user_id] = (self.clock(), allowed)
        return allowed

    @staticmethod
    async def _is_admin(client: AsyncWebClient, user_id: str) -> bool:
        user = (await client.users_info(user=user_id))["user"]
        return any(bool(user.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner"))

    async def _group_members(self, client: AsyncWebClient) -> frozenset[str]:
        if self.group is None:
            return frozenset()
        if self._group and self.clock() - self._group[0] < self.ttl:
            return self._group[1]
        group_id = self.group if _GROUP_ID.match(self.group) else await self._group_id(client, self.group)
        users = (await client.usergroups_users_list(usergroup=group_id))["users"] if group_id else []
        self._group = (self.clock(), frozenset(users))
        return self._group[1]

    @staticmethod
    async def _group_id(client: AsyncWebClient, handle: str) -> str | None:
        groups = (await client.usergroups_list())["usergroups"]
        found = next((g["id"] for g in groups if handle in (g.get("handle"), g.get("name"))), None)
        if found is None:
            log.warning("SLACK_MODERATOR_GROUP %r names no user group of this workspace", handle)
        return found
