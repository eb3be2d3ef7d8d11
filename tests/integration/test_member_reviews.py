"""Members' reviews (/myreview, issue 13) on a real SQLite store: one per member, film and club, replaced and
re-analysed, deleted for real, rate-limited, anonymous on request, moderated, and every bad input refused whole."""

from __future__ import annotations

import sqlite3

import pytest

from bot.app import App
from bot.config import Settings
from bot.members import MAX_TEXT
from bot.models import Incoming, Inline, Message
from bot.store.members import WRITES_PER_HOUR


def _text(messages: list[Message]) -> str:
    from adapters.console import render_text

    return "\n".join(render_text(m) for m in messages)


def _as(user: str, line: str, club: str = "club-a", **extra: object) -> Incoming:
    name, _, args = line.partition(" ")
    return Incoming(name, args, user_id=f"id-{user}", user_name=user, club_id=club, **extra)  # type: ignore[arg-type]


def _rows(app: App, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(app.settings.database) as raw:
        return raw.execute(query, params).fetchall()


async def _say(app: App, user: str, line: str, club: str = "club-a", **extra: object) -> Message:
    replies = await app.dispatch(_as(user, line, club, **extra))
    assert len(replies) == 1
    return replies[0]


async def test_writing_again_replaces_the_review_and_analyses_it_again(app: App) -> None:
    first = await _say(app, "Ana", "myreview anora :: The ending felt earned. 4")
    assert not first.error and first.ephemeral and "Stored your review of Anora (2024) (rated 4/5)" in _text([first])
    again = await _say(app, "Ana", "myreview anora :: The ending felt hollow. 2.5")
    assert "Replaced your earlier review" in _text([again])
    rows = _rows(app, "SELECT id, body, rating FROM reviews WHERE member_id = 'id-Ana'")
    assert len(rows) == 1 and rows[0][1:] == ("The ending felt hollow.", 2.5)
    analyses = _rows(app, "SELECT body FROM analyses WHERE review_id = ?", (rows[0][0],))
    assert len(analyses) == 1 and "hollow" in str(analyses[0][0])


async def test_a_duplicate_submit_stores_once(app: App) -> None:
    for _ in range(3):
        reply = await _say(app, "Ana", "myreview anora :: Same words twice. 3")
    assert "already stored" in _text([reply]) and not reply.error
    assert _rows(app, "SELECT count(*) FROM reviews WHERE member_id = 'id-Ana'") == [(1,)]
    assert _rows(app, "SELECT count(*) FROM member_writes") == [(1,)]


async def test_delete_removes_the_row_and_its_analysis(app: App) -> None:
    await _say(app, "Ana", "myreview anora :: Worth it. 4")
    (review_id,) = _rows(app, "SELECT id FROM reviews WHERE member_id = 'id-Ana'")[0]
    deleted = await _say(app, "Ana", "myreview anora delete")
    assert "Deleted your review of Anora (2024)" in _text([deleted])
    assert _rows(app, "SELECT count(*) FROM reviews WHERE id = ?", (review_id,)) == [(0,)]
    assert _rows(app, "SELECT count(*) FROM analyses WHERE review_id = ?", (review_id,)) == [(0,)]
    assert _rows(app, "SELECT count(*) FROM review_search WHERE review_id = ?", (review_id,)) == [(0,)]
    assert (await _say(app, "Ana", "myreview anora delete")).error


async def test_past_twenty_an_hour_nothing_is_stored(app: App) -> None:
    for n in range(WRITES_PER_HOUR):
        assert not (await _say(app, "Ana", f"myreview anora :: Take number {n}. 3")).error
    refused = await _say(app, "Ana", "myreview anora :: One take too many. 3")
    assert refused.error and "20 reviews in the last hour" in _text([refused])
    assert _rows(app, "SELECT body FROM reviews WHERE member_id = 'id-Ana'") == [
        (f"Take number {WRITES_PER_HOUR - 1}.",)
    ]
    assert not (await _say(app, "Ben", "myreview anora :: Another member is not limited. 3")).error


async def test_a_clubs_member_reviews_are_never_seen_by_another_club(app: App) -> None:
    await _say(app, "Ana", "myreview anora :: Only club A reads this. 4")
    await _say(app, "Ana", "myreview Club Film (2021) :: A film only club A has. 4")
    other = _text(await app.dispatch(_as("Zed", "reviews anora", "club-b")))
    assert "Only club A" not in other and "Ana" not in other
    assert (await _say(app, "Zed", "reviews club film", "club-b")).error
    assert "Club Film (2021)" not in _text(await app.dispatch(_as("Zed", "films", "club-b")))
    assert "Club Film (2021)" in _text(await app.dispatch(_as("Ana", "films", "club-a")))
    assert _rows(app, "SELECT count(*) FROM reviews WHERE member_id IS NOT NULL AND club_id = ''") == [(0,)]


async def test_anonymous_members_are_shown_without_their_name(app: App) -> None:
    await _say(app, "Ana", "myreview anora :: Quietly great. 4")
    assert "Ana · 4/5" in _text(await app.dispatch(_as("Ben", "reviews anora")))
    assert not (await _say(app, "Ana", "myreview settings anonymous")).error
    listing = _text(await app.dispatch(_as("Ben", "reviews anora")))
    assert "Ana" not in listing and "A member · 4/5" in listing


async def test_moderators_remove_a_members_review_and_members_cannot(app: App) -> None:
    await _say(app, "Ana", "myreview anora :: Something to moderate. 1")
    refused = await _say(app, "Ben", "reviews remove anora Ana")
    assert refused.error and "Only moderators" in _text([refused])
    removed = await _say(app, "Mo", "reviews remove anora Ana", is_moderator=True)
    assert "Removed Ana's review of Anora (2024)" in _text([removed])
    assert _rows(app, "SELECT count(*) FROM reviews WHERE member_id IS NOT NULL") == [(0,)]


@pytest.mark.parametrize(
    ("line", "options", "says"),
    [
        ("myreview anora ::", (), "Your review is empty"),
        ("myreview anora ::    \t ", (), "Your review is empty"),
        ("myreview anora :: " + "x" * (MAX_TEXT + 1), (), "may be at most 4,000"),
        ("myreview anora :: Good. 7", (), "from 0.5 to 5"),
        ("myreview anora :: Good. 4.25", (), "from 0.5 to 5"),
        ("myreview", (("film", "anora"), ("text", "Good."), ("rating", "four")), "is not a rating"),
        ("myreview", (("film", "anora"), ("text", "Good."), ("rating", "0")), "from 0.5 to 5"),
        ("myreview :: Good. 4", (), "Which film?"),
        ("myreview", (("film", "film:gone-1999"), ("text", "My words."), ("rating", "4")), "no longer stored"),
        ("myreview ??? :: Good. 4", (), "no letter or digit"),
    ],
)
async def test_bad_input_gets_a_clear_private_message_and_stores_nothing(
    app: App, line: str, options: tuple[tuple[str, str], ...], says: str
) -> None:
    name, _, args = line.partition(" ")
    incoming = Incoming(name, args, user_id="id-Ana", user_name="Ana", club_id="club-a", options=options)
    (reply,) = await app.dispatch(incoming)
    assert reply.error and reply.ephemeral and says in _text([reply])
    assert _rows(app, "SELECT count(*) FROM reviews WHERE member_id IS NOT NULL") == [(0,)]
    assert _rows(app, "SELECT count(*) FROM films WHERE slug != 'anora-2024'") == [(0,)]


async def test_a_near_typo_is_taken_and_said_and_a_vague_title_is_asked(app: App) -> None:
    took = _text([await _say(app, "Ana", "myreview anorra :: Fine. 3")])
    assert "You wrote “anorra”; I took it as Anora (2024)." in took
    await _say(app, "Ana", "myreview Heat (1995) :: Tense. 4")
    asked = await _say(app, "Ana", "myreview heart :: Hmm. 3")
    assert asked.error and "Did you mean: Heat (1995)?" in _text([asked])


async def test_control_characters_are_removed_and_the_form_is_offered(app: App) -> None:
    await _say(app, "A\x00na\u202e", "myreview anora :: Good\x07 film. 4")
    assert _rows(app, "SELECT member_name, body FROM reviews WHERE member_id IS NOT NULL") == [("Ana", "Good film.")]
    form = (await _say(app, "A\x00na\u202e", "myreview anora")).form
    assert form is not None and form.film == "film:anora-2024" and form.text == "Good film." and form.rating == "4"


def _console(settings: Settings, user: str, lines: str) -> str:
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {"FILMCLUB_DATABASE": str(settings.database), "PATH": "", "HOME": str(settings.database.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--user", user],
        input=lines, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_done_when_two_console_members_disagree_and_the_review_sets_them_against_each_other(settings: Settings) -> None:
    # The "Done when", as the README shows it: two members, opposite views, /reviews and /review.
    ana = _console(settings, "Ana", "/myreview anora :: The ending felt moving and the acting superb. 4.5\n")
    assert "Stored your review of Anora (2024) (rated 4.5/5)" in ana
    _console(settings, "Ben", "/myreview anora :: The ending felt hollow and the acting wooden. 2\n")
    shown = _console(settings, "Cy", "/reviews anora\n/review anora\n")
    assert "Ana · 4.5/5 — " in shown and "Ben · 2/5 — " in shown
    assert "What the club thinks\n2 member reviews · average rating 3.3/5 (2 rated)" in shown
    assert "Ana found the acting strong (“The ending felt moving and the acting superb”)" in shown
    assert "Ben found it weak (“The ending felt hollow and the acting wooden”). Who's right?" in shown


async def test_the_weekly_thread_carries_what_the_club_thinks(settings: Settings) -> None:
    from tests.fakes.chat import FakePlatform
    from tests.fakes.clock import FakeClock
    from tests.fakes.harness import start_bot, utc

    bot = await start_bot(settings, FakePlatform(), FakeClock(utc(2025, 12, 2, 10, 0)))
    try:
        for user, line in [("Ana", "The ending felt moving. 5"), ("Ben", "The ending felt hollow. 1")]:
            await bot.app.dispatch(Incoming("myreview", f"anora :: {line}", user_id=user, user_name=user))
        await bot.say("/schedule add anora #films thursday 19:00 Europe/London")
        await bot.say("/schedule run-now 1")
        await bot.scheduler.tick()
        (thread,) = bot.chat.platform.threads("films")
        texts = [
            i.text
            for post in bot.chat.platform.posts
            for m in post.messages
            for s in m.sections
            for part in (*s.paragraphs, *s.bullets, ((Inline(s.title or ""),)))
            for i in part
        ]
        assert "What the club thinks" in texts and "2 member reviews · average rating 3/5 (2 rated)" in texts
        assert any(t.startswith("Ana found the ending strong") and "Ben found it weak" in t for t in texts)
        assert thread.title == "Week of 4 December 2025 · Anora (2024)"
    finally:
        await bot.close()


async def test_reviews_lists_many_members_in_pages(app: App) -> None:
    for n in range(12):
        await _say(app, f"Member{n:02d}", f"myreview anora :: Thoughts number {n}. 3")
    pages = await app.dispatch(_as("Ben", "reviews anora"))
    counts = [sum(len(s.bullets) for s in m.sections if s.title == "The club's reviews") for m in pages]
    assert counts == [10, 2]
