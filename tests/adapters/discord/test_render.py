"""The pure rendering: every Discord limit, spoilers, escaping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord.render import drafts, fit_poll, para_lines, poll_hours
from bot.models import Inline, Message, PollSpec, Section

from .spec import check_limits

texts = st.text(alphabet=st.sampled_from("ab *_|`~>#-\\@\n"), max_size=3000)
runs = st.lists(st.builds(Inline, texts, st.booleans()), min_size=1, max_size=4).map(tuple)
sections = st.builds(
    Section,
    st.one_of(st.none(), st.text(max_size=400)),
    st.lists(runs, max_size=4).map(tuple),
    st.lists(runs, max_size=6).map(tuple),
)
messages = st.builds(
    Message,
    st.one_of(st.none(), st.text(max_size=400)),
    st.lists(sections, max_size=4).map(tuple),
    footer=st.one_of(st.none(), st.text(max_size=3000)),
)


@settings(max_examples=150, deadline=None)
@given(messages)
def test_every_draft_fits_discord_limits(message: Message):
    for draft in drafts(message):
        check_limits(
            {
                "allowed_mentions": {"parse": []},
                "content": draft.content,
                "embeds": [draft.embed] if draft.embed else [],
            }
        )


def test_spoilers_are_wrapped_and_stay_closed_across_lines():
    lines = para_lines((Inline("Ending: "), Inline("word " * 100, spoiler=True)), 120)
    assert len(lines) > 3
    assert all(len(line) <= 120 and line.count("||") % 2 == 0 for line in lines)
    assert lines[0].startswith("Ending: ||word")


def test_markdown_in_review_text_is_escaped():
    (line,) = para_lines((Inline("a **bold** _claim_ ||not a spoiler|| `code`"),), 200)
    assert line == r"a \*\*bold\*\* \_claim\_ \|\|not a spoiler\|\| \`code\`"


def test_polls_are_trimmed_to_discord_lengths():
    spec = fit_poll(PollSpec("q" * 400, tuple(f"option {i} " + "x" * 80 for i in range(12))))
    assert len(spec.question) == 300 and len(spec.options) == 10 and all(len(o) <= 55 for o in spec.options)
    assert (poll_hours(0), poll_hours(168), poll_hours(10_000)) == (1, 168, 768)


def test_long_text_is_packed_with_each_heading_kept_with_its_text():
    lines = ["**Heading one**", "x" * 90, "**Heading two**", "y" * 90]
    from adapters.discord.render import pack

    assert pack(lines, 120) == ["**Heading one**\n" + "x" * 90, "**Heading two**\n" + "y" * 90]
    assert pack(["a", "", "b"], 10) == ["a\n\nb"]


def test_a_long_review_becomes_several_messages_whose_text_adds_up():
    words = [f"w{i}" for i in range(3000)]
    message = Message("Title", (Section("Part", paragraphs=((Inline(" ".join(words)),),)),), footer="end")
    parts = drafts(message)
    assert len(parts) > 1
    assert parts[-1].embed is not None and parts[-1].embed["footer"] == {"text": "end"}
    assert all(p.embed is not None and "footer" not in p.embed for p in parts[:-1])
    text = " ".join(p.embed["description"] for p in parts if p.embed)
    assert text.split()[1:] == words  # "**Part**" then every word, in order, none lost
