"""Spoiler marks, rule by rule: each rule on short sentences of our own, what it hides and what it must not."""

from __future__ import annotations

import pytest

from bot.analysis.spoilers import spoiler_flags
from bot.analysis.text import split_sentences

# Opinion and set-up that reveal nothing, put before a sentence so it sits late in the text (position rules).
LEAD = (
    "Nadia Kovac is superb as the widow and Tom Reyes is fine as her son. The photography is grey and patient. "
    "The script by Ana Ruiz is sharp. The music is sparse. I liked it more on a second viewing.\n\n"
)


def hidden(sentence: str, lead: str = LEAD) -> bool:
    """Whether `sentence`, set after `lead`, is marked (the lead's own sentences must stay unmarked)."""
    text = lead + sentence
    spans = split_sentences(text)
    flags = spoiler_flags(spans, text)
    tail = [f for s, f in zip(spans, flags, strict=True) if s.start >= len(lead)]
    assert not any(f for s, f in zip(spans, flags, strict=True) if s.start < len(lead)), "the lead was marked"
    return any(tail)


@pytest.mark.parametrize(
    "sentence",
    [
        "In the last reel, Nadia dies in her brother's arms.",  # a death, a name for subject
        "The old captain is killed by his own crew.",  # passive, a character noun
        "He bleeds out on the kitchen floor.",  # an idiom of dying, a pronoun
        "The neighbour shoots her through the door.",  # shooting a person
        "The twins murder their uncle.",  # an active killing of a character
        "Killing him off halfway through was a mistake.",  # "kill X off"
        "She commits one last murder before the credits.",  # committing a killing
        "Tom is not the last of the brothers to reach an early grave.",  # an idiom in an infinitive
        "Nadia mends things with her father before his death.",  # a death noun after a time preposition
        "We watch the old man die alone.",  # a death seen
        "By now you will have guessed: she's dead.",  # a death as a state
        "Sadly, her brother didn’t make it.",  # an idiom of dying, with a curly apostrophe
        "Had he lived, it would have been a happier film.",  # a counterfactual survival
        "A wedding dance becomes a massacre in the courtyard.",  # a scene that turns into a killing
        "She outlives the siege only to die of a fever.",  # "only to die"
        "As usual, the comic sidekick is the first to die.",  # "the first to die"
    ],
)
def test_a_characters_death_is_hidden(sentence: str) -> None:
    assert hidden(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A blind death metal guitarist rides on the truck.",  # another sense of "death"
        "I was bored to death by the middle hour.",  # an idiom of the critic's
        "The fortune teller warns of a death in the village.",  # a passing noun, no event
        "He could easily have died in the desert.",  # a hypothetical
        "The western is dead, the critics said.",  # a genre, no character
        "Her answer is dead on.",  # an idiom
        "She didn't make it to the wedding.",  # "make it to" is arriving
        "The hero's only goal is to not die.",  # an infinitive goal
        "She does not die, whatever the trailer suggests.",  # a negation
        "Mara, whose son has just been killed at the front, cooks for the boys.",  # a character's backstory
        "He blames the storm that killed his brother.",  # the killer is no character
        "Ruiz shoots Lisbon as Havana and the city glows.",  # shooting a film
        "The documentary is a killer and the soundtrack is to die for.",  # praise
        "The actor later died, and the film is dedicated to him at the festival.",  # the film's making, not its story
        "The screenwriters tacked on a new scene at the end.",  # the film's making
    ],
)
def test_a_death_word_in_another_sense_is_not_hidden(sentence: str) -> None:
    assert not hidden(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "In the end, Nadia leaves the town for good.",  # a late marker with a story event
        "By the end, the brothers are no longer speaking.",  # a strong late marker
        "Years later, Tom returns to the farm.",  # a weak late marker, late in the text
        "He eventually sells the boat to a stranger.",  # a weak late marker, late in the text
        "The two boys get away with the money.",  # a plot outcome with a character subject
        "The lawyer is arrested at the airport.",  # a plot outcome
    ],
)
def test_a_plot_outcome_is_hidden(sentence: str) -> None:
    assert hidden(sentence)


def test_a_synopsis_orders_first_act_events_with_eventually() -> None:
    """At the start of a review, or after "it follows", "eventually" and "later" order the premise."""
    synopsis = "Tom moves to the coast. Eventually he finds work at the harbour.\n\n"
    assert not hidden(synopsis, lead="")
    assert hidden("Eventually he finds work at the harbour.")
    assert not hidden("It follows a cook as she joins the crew and eventually runs the kitchen.")
    assert not hidden("The plot follows a spy. He loses his gadgets. He eventually learns to trust a stranger.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ultimately, she admits the shoot was a nightmare.",  # the speaker's word, not an event
        "Finally, the film is a triumph of design.",  # the critic's verdict
        "Mara Lind later went on to win an Oscar for the role.",  # the actor's awards
        "In the end, it is the performances that stay with you.",  # no character does anything
    ],
)
def test_a_late_word_without_a_story_event_is_not_hidden(sentence: str) -> None:
    assert not hidden(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "It turns out that the lodger was the thief all along.",
        "The film reveals that the father had invented the whole story.",  # a documentary's reveal
        "Tom's letter turns out to be a forgery.",  # "X turns out to be" with a character's thing
        "We learn that the sisters had never met before.",
    ],
)
def test_a_twists_content_is_hidden(sentence: str) -> None:
    assert hidden(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The documentary turns out to be far richer than its subject.",  # the film as subject: the critic's view
        "The director tightens each twist of the intricate narrative.",  # "twist" as craft
        "The big revelation at the end is wild.",  # that there is a reveal, not what
    ],
)
def test_a_twist_word_without_its_content_is_not_hidden(sentence: str) -> None:
    assert not hidden(sentence)


def test_a_discovery_in_the_setup_is_the_premise() -> None:
    """A discovery told with the premise ("One day ...") starts the story; it gives nothing away."""
    text = "One day, the boys find a girl in the street. It turns out she does have a home.\n\n"
    assert not hidden(text)
    assert not hidden("When her husband dies, Nadia takes over the farm.", lead="")
    assert not hidden("Upon the death of the father, the family gathers at the farm.", lead="")
    assert hidden("When her husband dies, Nadia takes over the farm.")  # late in the text, it is late plot


@pytest.mark.parametrize(
    "sentence",
    [
        "The film ends with her boarding a train alone.",
        "The final shot of his empty chair says it all.",  # a frame of a character's thing
        "Some will find the last scene, Tom tearing the house apart, too bleak.",  # an appositive scene
        "The ending, in which the harbour master sells her boat, is devastating.",
        "The finale's massacre is hard to watch.",  # a death in the ending
    ],
)
def test_the_ending_told_is_hidden(sentence: str) -> None:
    assert hidden(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ending is haunting.",
        "By the time we reach the haunting final act, the film reminds us of the devastating toll of poverty.",
        "The association is underlined in the film's lovely closing image.",
        "The ending of this movie ruined it for me.",
    ],
)
def test_the_ending_judged_is_not_hidden(sentence: str) -> None:
    assert not hidden(sentence)


def test_a_name_is_a_capitalised_word_no_nationality_or_possessive_fakes() -> None:
    """ "British comedies" is no British doing "comedies"; "Tom's tedious" no Tom doing "tedious"."""
    assert not hidden("Eventually the British comedies of the nineties gave way to thrillers.")
    assert not hidden("Finally, can Tom's tedious niceness save him?")


@pytest.mark.parametrize("line", ["Warning: Spoilers", "*** SPOILERS ***", "Major spoilers below"])
def test_a_short_line_naming_spoilers_is_a_warning(line: str) -> None:
    assert hidden(f"{line}\n\nTom takes the money.")
    # the plot told under it, where "to" is a preposition and not an infinitive
    assert hidden(f"{line}\n\nShe calls the police once she realized her brother was guilty.")
    assert hidden(f"{line}\n\nEven the last job, he manages to botch.")


def test_a_spoiler_warning_hides_the_plot_it_heads_not_the_opinions_or_a_promise() -> None:
    """Under the reviewer's warning the plot they tell is hidden; their opinions and anecdotes stay."""
    text = (
        "A calm opening.\n\n# SPOILERS AHEAD\n\nThe old man leaves the lighthouse at dawn. The music is lovely. "
        "I thought the town looked grey when I visited.\n\n# VERDICT\n\nSee it."
    )
    spans = split_sentences(text)
    marked = {s.sentence for s, f in zip(spans, spoiler_flags(spans, text), strict=True) if f}
    assert marked == {"The old man leaves the lighthouse at dawn."}
    assert not hidden("I won't spoil what happens next. The old man leaves the lighthouse.")
    assert hidden("If you haven't seen it, stop reading now. The old man leaves the lighthouse.")


def test_only_an_ending_goes_on_in_its_paragraph() -> None:
    """After another reveal the paragraph's next sentences are judged on their own."""
    text = (
        LEAD
        + "The two sisters reunite at the funeral. They agree their mother needs a nurse. She refuses to leave the farm."
    )
    spans = split_sentences(text)
    marked = {s.sentence for s, f in zip(spans, spoiler_flags(spans, text), strict=True) if f}
    assert marked == {"The two sisters reunite at the funeral."}


def test_an_ending_paragraph_hides_its_narration_not_its_opinions() -> None:
    text = "A calm opening.\n\nAnd then there is the ending. She waits on the pier. The acting is superb here."
    spans = split_sentences(text)
    marked = {s.sentence for s, f in zip(spans, spoiler_flags(spans, text), strict=True) if f}
    assert "She waits on the pier." in marked
    assert "The acting is superb here." not in marked


def test_many_sentences_stay_fast() -> None:
    """Every rule looks at a sentence and its paragraph so far: the work grows with the text, not its square."""
    import time

    for text in ("He dies. " * 3000, "The plot follows a spy. Eventually he leaves. " * 1500):
        spans = split_sentences(text)
        start = time.perf_counter()
        spoiler_flags(spans, text)
        assert time.perf_counter() - start < 2.0
