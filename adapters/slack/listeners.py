"""The bolt listeners: slash commands, vote buttons, command buttons and "Show spoilers"."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import replace
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.web.async_client import AsyncWebClient

from adapters.answers import Answers, no_error
from adapters.slack.blocks import SECTION_TEXT, escape, split
from adapters.slack.chat import SlackChat
from adapters.slack.forms import errors, form_view, plain, saved, submitted
from adapters.slack.moderators import Moderators
from adapters.slack.poll_blocks import parse_vote
from adapters.slack.replies import ACK_BUDGET, Later, deliver, plan
from adapters.slack.tasks import Background, Coalescer
from bot.app import App
from bot.commands import REGISTRY, parse_line
from bot.models import Form, Incoming, Message
from bot.polls import PollError

log = logging.getLogger(__name__)
COMMAND = re.compile(r"^/[\w-]+$")
# An answer as Slack needs it: its messages (whether it may be kept), the ack body, and what follows the ack.
Reply = tuple[list[Message], dict[str, Any] | None, Later]
INCOMPLETE = "Slack sent this command without its workspace, channel or member; please try again."
VOTE_NOT_SAVED = "Your vote could not be saved just now; please try again."


def field(payload: Any, *path: str) -> str:
    """The string at `path` in an untrusted payload, or "" if anything on the way is missing or of another type."""
    for name in path:
        payload = payload.get(name) if isinstance(payload, dict) else None
    return payload if isinstance(payload, str) else ""


def team_of(body: dict[str, Any]) -> str:
    """The workspace a request comes from."""
    return field(body, "team", "id") or field(body, "user", "team_id") or field(body, "team_id")


def needs_check(name: str) -> bool:
    """Whether the answer depends on being a moderator: a moderator-only command, or /help listing them."""
    spec = REGISTRY.get(name.lstrip("/").lower())
    if spec is None:
        return False
    return spec.moderator or (spec.name == "help" and any(s.moderator for s in REGISTRY.values()))


class Listeners:
    """Translates Slack requests to the core and back; holds no rules of its own."""

    def __init__(
        self, core: App, chat: SlackChat, moderators: Moderators, background: Background, coalescer: Coalescer
    ):
        self.core, self.chat, self.moderators = core, chat, moderators
        self.background, self.coalescer = background, coalescer
        # Kept already planned: a repeated /review costs neither the core nor hashing and rendering its Message.
        self.answers: Answers[Reply] = Answers(core, lambda reply: no_error(reply[0]))

    async def incoming(
        self, client: AsyncWebClient, line: str, user: str, team: str, channel: str, name: str = ""
    ) -> Incoming | None:
        """A command line from a member as an Incoming, checking moderator status only when it matters."""
        incoming = parse_line(line, user_id=user, club_id=team, channel_id=channel, platform="slack", user_name=name)
        if incoming is not None and needs_check(incoming.command):
            incoming = replace(incoming, is_moderator=await self.moderators.check(client, user))
        return incoming

    async def answer(
        self, client: AsyncWebClient, line: str, user: str, team: str, channel: str, name: str = ""
    ) -> Reply:
        """The core's answer to one command line, planned as an ack body and what follows."""
        incoming = await self.incoming(client, line, user, team, channel, name)
        if incoming is None:
            return [], None, []
        return await self.answers.get(incoming, lambda: self._planned(incoming))

    async def _planned(self, incoming: Incoming) -> Reply:
        messages = await self.core.dispatch(incoming)
        return (messages, *plan(messages))

    async def command(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond) -> None:
        """A slash command: the answer rides in the ack when ready in time, else follows it."""
        line = f"{field(body, 'command')} {field(body, 'text')}"
        user, team, channel = field(body, "user_id"), field(body, "team_id"), field(body, "channel_id")
        if not (user and team and channel):
            await ack(text=INCOMPLETE, response_type="ephemeral")
            return
        await self.core.sync()  # cheap: the store is asked about other processes' imports about once a second
        kept = self.answers.peek(parse_line(line, user_id=user, club_id=team, channel_id=channel, platform="slack"))
        if kept is not None:  # a repeat of a read-only command: no task, no timer
            await self._reply(ack, kept, body, respond)
            return
        work = asyncio.ensure_future(self.answer(client, line, user, team, channel, field(body, "user_name")))
        try:
            reply = await asyncio.wait_for(asyncio.shield(work), ACK_BUDGET)
        except TimeoutError:
            await ack()
            self.background.spawn(self._follow(work, respond, channel, team), f"answer {body['command']}")
            return
        form = reply[0][0].form if reply[0] else None
        if form is not None and await self._open(client, body, form, channel):
            await ack()
            return
        await self._reply(ack, reply, body, respond)

    async def _open(self, client: AsyncWebClient, body: dict[str, Any], form: Form, channel: str) -> bool:
        """Open the form as a modal (views.open with the command's trigger_id); False if Slack would not."""
        view = form_view(form, channel)
        if view is None or not field(body, "trigger_id"):
            return False
        try:
            await client.views_open(trigger_id=field(body, "trigger_id"), view=view)
        except Exception as exc:  # an expired trigger or a refused view: the member gets the one-line form instead
            log.warning("views.open failed: %s", type(exc).__name__)
            return False
        return True

    async def submit(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        """A submitted form (view_submission): errors keep the modal open under their field; else it shows what
        was stored. An answer slower than the ack budget closes the modal and follows as an ephemeral message."""
        found = submitted(body.get("view"))
        user, team = field(body, "user", "id"), team_of(body)
        if found is None or not (user and team):
            await ack()
            return
        command, channel, values = found
        name = field(body, "user", "name") or field(body, "user", "username")
        options = tuple(values.items())
        incoming = Incoming(command, "", user, team, channel, False, "slack", options, user_name=name)
        work = asyncio.ensure_future(self.core.dispatch(incoming))
        try:
            messages = await asyncio.wait_for(asyncio.shield(work), ACK_BUDGET)
        except TimeoutError:
            await ack()
            self.background.spawn(self._tell_later(client, work, channel, user), "form answer")
            return
        first = messages[0] if messages else None
        await (ack(**(errors(first) if first.error else saved(first))) if first else ack())

    async def _tell_later(
        self, client: AsyncWebClient, work: asyncio.Future[list[Message]], channel: str, user: str
    ) -> None:
        for message in await work:
            await client.chat_postEphemeral(channel=channel, user=user, text=escape(plain(message)))

    async def _reply(self, ack: AsyncAck, reply: Reply, body: dict[str, Any], respond: AsyncRespond) -> None:
        _, first, later = reply
        await (ack(**first) if first else ack())
        if later:
            channel, team = field(body, "channel_id"), field(body, "team_id")
            self.background.spawn(deliver(later, self.chat, respond, channel, team), f"deliver {body['command']}")

    async def _follow(self, work: asyncio.Future[Reply], respond: AsyncRespond, channel: str, team: str) -> None:
        _, first, later = await work
        await deliver([first, *later] if first else later, self.chat, respond, channel, team)

    async def vote(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond) -> None:
        """A vote button: recorded before the response, the message updated soon after (coalesced)."""
        await ack()
        parsed, user = parse_vote(field(action, "value")), field(body, "user", "id")
        if parsed is None or not user:
            return
        try:
            # A click carrying another workspace's ids is refused like an unknown poll: nothing is stored.
            await self.chat.polls.vote(parsed[0], user, parsed[1], club_id=team_of(body))
        except PollError as exc:
            self._tell(respond, escape(str(exc)))
            return
        except Exception as exc:  # the store failed: the member is told the truth, not "could not be read"
            log.error("a vote on poll %s could not be saved: %s", parsed[0], type(exc).__name__, exc_info=True)
            self._tell(respond, VOTE_NOT_SAVED)
            return
        self.coalescer.touch(parsed[0])

    def _tell(self, respond: AsyncRespond, text: str) -> None:
        """A note only the member who clicked sees, sent after the ack."""
        say = respond(text=text, response_type="ephemeral", replace_original=False)
        self.background.spawn(_quietly(say), "vote note")

    async def button(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        """A command button ("More prompts"): runs the command for the member who clicked."""
        await ack()
        user, team = field(body, "user", "id"), team_of(body)
        channel = field(body, "channel", "id") or field(body, "container", "channel_id")
        if not (user and team and channel):
            return
        work = asyncio.ensure_future(self.answer(client, "/" + field(action, "value"), user, team, channel))
        self.background.spawn(self._follow(work, respond, channel, team), "button")

    async def spoilers(self, ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        """ "Show spoilers": the hidden lines, shown only to the member who asked."""
        await ack()
        text = escape(field(action, "value"))
        blocks = [SectionBlock(text=MarkdownTextObject(text=t)) for t in split(text, SECTION_TEXT)]
        say = respond(text="Spoilers", blocks=blocks, response_type="ephemeral", replace_original=False)
        self.background.spawn(_quietly(say), "spoilers")


async def _quietly(work: Any) -> None:
    await work
