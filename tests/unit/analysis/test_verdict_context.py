"""The verdict scorer (tl;dr and key points), the context prompts and the content polls, on short texts."""

from __future__ import annotations

from bot.analysis import analyze
from bot.analysis.context import context_prompts
from bot.analysis.film_ref import names_film, short_titles
from bot.analysis.text import split_sentences

REVIEW = """The Lantern Keeper follows a widowed lighthouse keeper on a northern island through one long winter.

Nora Vale plays Ingrid, who keeps the lamp lit after her husband drowns, and Tom Ashby plays the young
inspector sent to close the station. Director Mara Quist shoots the sea in long, grey takes.

The script is sharp and witty. The photography is stunning and luminous. The score is clumsy and the pacing drags.
The film is based on Anna Lind's 1998 novel, and Quist keeps its quiet, stubborn heart.

The Lantern Keeper is a gripping, beautifully acted film and one of the best debuts of the year.
"""


def _prompts(text: str, title: str, director: str | None = None) -> list[str]:
    spans = split_sentences(text)
    return [p.text for p in context_prompts(spans, {s.start: False for s in spans}, title, director)]


def test_the_tldr_is_the_verdict_not_plot_or_craft() -> None:
    a = analyze(REVIEW, title="The Lantern Keeper")
    assert a.summary.tldr.startswith("The Lantern Keeper is a gripping, beautifully acted film")


def test_an_award_aside_or_an_anecdote_is_not_the_tldr() -> None:
    text = (
        "I saw Harbour Lights on a rainy Tuesday with my brother after a long day at work. "
        "Harbour Lights won the Golden Lion at Venice and the festival's audience award. "
        "Harbour Lights is a tender, haunting film about what families keep from each other. "
        "Its lead actor moves through the town like a ghost, speaking to almost no one for an hour."
    )
    assert analyze(text, title="Harbour Lights").summary.tldr.startswith("Harbour Lights is a tender, haunting film")


def test_a_verdict_with_it_for_the_film_can_be_the_tldr() -> None:
    text = (
        "Grey Orchard follows two sisters who inherit a failing farm in the autumn of 1962. "
        "The older one wants to sell and the younger wants to stay, and the harvest will not wait. "
        "Their neighbour offers help but asks for something in return that neither can give. "
        "It's a tender, gorgeous and quietly devastating film."
    )
    assert analyze(text, title="Grey Orchard").summary.tldr == "It's a tender, gorgeous and quietly devastating film."


def test_key_points_prefer_judgements_to_awards_and_other_films() -> None:
    text = (
        "Salt Road is a patient road movie.\n\n"
        "Salt Road was nominated for three Golden Globes, including Best Picture.\n"
        "The performances are superb and the script is sharp.\n\n"
        "Her earlier film, Winter Tide (2015), was a colder piece.\n"
        "Salt Road is warmer, funnier and more generous than anything she has made.\n\n"
        "Salt Road is a moving, beautifully made film and one of the best of the year."
    )
    points = analyze(text, title="Salt Road").summary.key_points
    assert "The performances are superb and the script is sharp." in points
    assert "Salt Road is warmer, funnier and more generous than anything she has made." in points
    assert not any("Golden Globes" in p or "(2015)" in p for p in points)


def test_the_film_is_named_by_short_forms_of_its_title() -> None:
    assert "three billboards" in short_titles("Three Billboards Outside Ebbing, Missouri")
    assert names_film("Still, _Banshees_ succeeds on its own terms.", "The Banshees of Inisherin") == 1.0
    assert names_film("The film is long.", "Anything") == 0.6
    assert names_film("The killers are never caught.", "Killers of the Flower Moon") == 0.0


def test_context_prompts_name_the_maker_the_source_and_the_stance() -> None:
    prompts = _prompts(REVIEW, "The Lantern Keeper")
    assert "What do you think Mara Quist was going for with The Lantern Keeper?" in prompts
    assert (
        "The Lantern Keeper is adapted from Anna Lind’s novel. What did the film bring out, or leave behind?" in prompts
    )
    assert "The review is warm on The Lantern Keeper. Did it live up to that for you?" in prompts


def test_the_director_of_the_review_file_is_used() -> None:
    text = "Mara Quist frames every face like a painting. The Lantern Keeper is slow but rewarding."
    prompts = _prompts(text, "The Lantern Keeper", director="Mara Quist")
    assert "What do you think Mara Quist was going for with The Lantern Keeper?" in prompts


def test_a_passing_credit_of_another_film_is_no_director() -> None:
    text = "Elsewhere this week, the festival shows a documentary by director Paula Senn about mining towns."
    assert not any("going for" in p for p in _prompts(text, "The Lantern Keeper"))


def test_a_true_story_and_a_genre() -> None:
    text = (
        "Iron Coast is based on a true story of a 1953 mine collapse. "
        "Iron Coast is a taut political thriller that never lets up."
    )
    prompts = _prompts(text, "Iron Coast")
    assert "Iron Coast draws on real events. How much did that shape the way you watched it?" in prompts
    assert "What does Iron Coast bring to the political thriller genre, and where does it break the mould?" in prompts


def test_a_genre_of_another_film_is_not_asked_about() -> None:
    text = "Iron Coast is slow. His last film, Night Rail (2019), was a thriller."
    assert not any("bring to the" in p for p in _prompts(text, "Iron Coast"))


def test_a_torn_and_an_unconvinced_review() -> None:
    torn = "Iron Coast is beautiful and moving. Iron Coast is also clumsy, overlong and predictable at times."
    assert any(p.startswith("The review is torn on Iron Coast") for p in _prompts(torn, "Iron Coast"))
    cold = "Iron Coast is dull and lifeless. The film is a tedious, muddled slog."
    assert any(p.startswith("The review is unconvinced by Iron Coast") for p in _prompts(cold, "Iron Coast"))


def test_an_awards_run_is_asked_about_only_with_two_award_sentences() -> None:
    one = "Iron Coast won the Golden Bear at Berlin. Iron Coast is a quiet film."
    assert not any("awards run" in p for p in _prompts(one, "Iron Coast"))
    two = one + " Iron Coast was later nominated for two Oscars."
    assert any("awards run" in p for p in _prompts(two, "Iron Coast"))


def test_a_denied_description_is_no_claim() -> None:
    text = "Not that this is an inherently bad film. The acting is fine and the story is told plainly."
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    assert not any("inherently bad" in p for p in prompts)


def test_a_noun_that_modifies_another_is_no_description() -> None:
    text = "Members enjoy a great package of film benefits including priority booking."
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    assert not any("package" in p for p in prompts)


def test_a_question_in_another_language_is_not_a_prompt() -> None:
    text = "The film quotes a poem. Ras vkhedavt, rodesac cas vukurebt? Nobody translates it."
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    assert not any("vkhedavt" in p for p in prompts)


def test_polls_ask_which_praised_craft_and_which_performance_stood_out() -> None:
    a = analyze(REVIEW, title="The Lantern Keeper")
    questions = {p.question: p.options for p in a.polls}
    standout = "The review praises several sides of The Lantern Keeper. Which one stood out most for you?"
    assert standout in questions
    assert set(questions[standout]) >= {"The script", "The look"}
    assert questions["Which performance in The Lantern Keeper stood out for you?"] == ("Nora Vale", "Tom Ashby")
    assert 2 <= len(a.polls) <= 4


def _own(text: str) -> list[str]:
    return [p.text for p in analyze(text, title="Iron Coast").prompts if p.kind == "explicit"]


def test_a_scare_quoted_word_does_not_cut_a_question() -> None:
    text = "Iron Coast is a strange film. Can his tedious ‘niceness’ make up for a wasted life? It is hard to say."
    assert _own(text) == ["Can his tedious ‘niceness’ make up for a wasted life?"]


def test_a_sentence_opening_with_no_is_not_always_an_answer() -> None:
    kept = "Iron Coast is odd. Is the sea a viable escape for the town? No easy answers are forthcoming here."
    answered = "Iron Coast is odd. Is the sea a viable escape for the town? No. The film says so plainly."
    assert _own(kept) == ["Is the sea a viable escape for the town?"]
    assert _own(answered) == []


def test_an_aside_in_brackets_is_dropped_from_a_question() -> None:
    text = "Iron Coast is odd. Is his silence a viable solution (‘Another silent man!’ his sister rails)? Perhaps."
    assert _own(text) == ["Is his silence a viable solution?"]


def test_key_points_never_open_with_a_dangling_connective_or_quote_another_critic() -> None:
    text = (
        "Iron Coast is a patient, moving film about a mining town.\n\n"
        "In fact, the performances are superb throughout.\n"
        "The other great detail is the sound, which is superb.\n"
        "Time Out said, “Iron Coast is a brilliant and moving film.”\n\n"
        "The photography is stunning and the script is sharp.\n\n"
        "Iron Coast is one of the best films of the year."
    )
    points = analyze(text, title="Iron Coast").summary.key_points
    assert not any(p.startswith(("In fact", "The other", "Time Out")) for p in points)


def test_a_category_name_praises_no_craft() -> None:
    text = (
        "Iron Coast won Best Cinematography at the festival. It also took Best Screenplay and Best Editing. "
        "The jury met in a castle."
    )
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    assert not any(p.startswith(("The review admires", "The review praises")) for p in prompts)


def test_the_most_named_performer_comes_first() -> None:
    text = (
        "Iron Coast follows Ada (Nora Vale) and her uncle Bram (Tom Ashby). "
        "Ashby is barely in it, but Vale carries the film. Vale is fierce. Vale is funny. "
        "The film is long."
    )
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    performance = [p for p in prompts if "performance" in p]
    assert performance and "Nora Vale" in performance[0]


def test_career_character_and_setting_prompts() -> None:
    text = (
        "Iron Coast is set in 1953, amid the Welsh mining strikes. Ada (Nora Vale) runs the pit canteen.\n\n"
        "Director Mara Quist keeps the camera low. Vale is fierce; Vale is funny.\n\n"
        "It is Quist's warmest work since her debut, and a return to form after two colder films."
    )
    prompts = _prompts(text, "Iron Coast")
    assert "Iron Coast is set in 1953. What does that setting bring to the story?" in prompts
    assert "Did Ada win your sympathy, and did that change as the film went on?" in prompts
    assert "How does Iron Coast sit beside Mara Quist's earlier films?" in prompts


def test_a_setting_needs_a_name_or_a_year() -> None:
    assert not any("is set" in p for p in _prompts("Iron Coast is set on a quiet street by the sea.", "Iron Coast"))


def test_an_opening_sentence_adverb_is_dropped_from_the_summary() -> None:
    text = (
        "Iron Coast has a slow first hour and a muddled middle.\n\n"
        "Nonetheless, Iron Coast is one of the most moving films of the year."
    )
    assert analyze(text, title="Iron Coast").summary.tldr == "Iron Coast is one of the most moving films of the year."


def test_first_person_verdicts_and_the_film_with_its_year() -> None:
    text = (
        "Tide Line (2019) is one of my favourite films.\n\n"
        "The harbour scenes were shot over a long, wet summer on the coast.\n"
        "The lead character spends most of the film alone in a boat with a radio.\n\n"
        "I went with my sister, who fell asleep in the second hour."
    )
    assert analyze(text, title="Tide Line").summary.tldr == "Tide Line (2019) is one of my favourite films."


def test_an_installment_is_the_film_and_a_let_down_a_verdict() -> None:
    text = (
        "The first two films were fun, loud and silly in the best way.\n\n"
        "The story picks up a year after the wedding and follows the crew across the sea.\n\n"
        "Unfortunately, the third installment was a huge let down."
    )
    assert analyze(text, title="Sea Dogs 3").summary.tldr == "The third installment was a huge let down."


def test_what_the_review_says_a_craft_does_is_put_to_the_club_whole() -> None:
    text = (
        "Iron Coast follows a mining family through one winter. "
        "The haunting soundtrack is simple and very effective. "
        "The score keeps close to a delicate, ponderous little theme. "
        "The story never quite recovers from a clumsy second act."
    )
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    assert (
        "The review says the haunting soundtrack “is simple and very effective”. Does that match how you saw it?"
        in prompts
    )
    assert not any("keeps close to a delicate”" in p for p in prompts)
    assert (
        "The review says the story “never quite recovers from a clumsy second act”. Does that match how you saw it?"
        in prompts
    )


def test_what_the_film_is_about_and_another_critics_words() -> None:
    text = (
        "An American film of 2021 directed and written by Mara Quist, with Nora Vale as the main character.\n\n"
        "The film is really about the loss of balance, of harmony. "
        "It can be described as “gently meditative” (a critic in a weekly paper)."
    )
    prompts = _prompts(text, "Tide Line")
    assert (
        "The review reads Tide Line as being about the loss of balance. Is that what it was about for you?" in prompts
    )
    assert "A critic the review quotes calls Tide Line “gently meditative”. Does that fit the film you saw?" in prompts
    assert "What do you think Mara Quist was going for with Tide Line?" in prompts
    assert "What did you make of Nora Vale's performance in Tide Line?" in [
        p.text for p in analyze(text, title="Tide Line").prompts
    ]


def test_an_adjective_cut_at_a_comma_is_no_topic() -> None:
    text = "Tide Line is a film about small, ordinary people struggling to get by."
    assert not any("as being about" in p for p in _prompts(text, "Tide Line"))


def test_a_raised_question_ends_before_a_concession_or_a_dashed_aside() -> None:
    from bot.analysis.implicit import implicit_questions

    margo = "It's unclear if Margo is really escaping although it seems likely that she is."
    assert implicit_questions(margo, "Iron Coast") == [(3, "Is Margo really escaping?")]
    aside = "Iron Coast fails to win any of the top awards - it did win the acting prize."
    assert implicit_questions(aside, "Iron Coast") == [(1, "Does Iron Coast manage to win any of the top awards?")]


def test_the_writer_on_their_writing_and_a_pointer_back_are_no_summary() -> None:
    text = (
        "Iron Coast is a patient, moving film about a mining town and the families it holds.\n\n"
        "I want to preface my criticism by saying that I enjoyed Iron Coast.\n"
        "The performances are superb and the script is sharp and witty.\n\n"
        "The score and the camera convey this idea beautifully.\n"
        "The photography is stunning and the editing is precise.\n\n"
        "Iron Coast is one of the most moving films of the year."
    )
    summary = analyze(text, title="Iron Coast").summary
    assert summary.tldr == "Iron Coast is one of the most moving films of the year."
    assert "The performances are superb and the script is sharp and witty." in summary.key_points
    assert "The photography is stunning and the editing is precise." in summary.key_points
    assert not any(p.startswith("I want to preface") or "this idea" in p for p in summary.key_points)


def test_award_news_leads_with_the_films_own_result() -> None:
    text = (
        "Hosted in LA last night, the Golden Globes ceremony crowned *Iron Coast* and *Salt Road* as the winners "
        "of the awards for best motion picture in drama and comedy.\n\n"
        "Joaquin Phoenix won the prize for best actor in drama for his role in Joker.\n"
        "The best actor award for comedy went to Taron Egerton for Rocketman.\n\n"
        "Iron Coast also got best director for Mara Quist, and best score.\n"
        "Awkwafina was awarded best actress in comedy for The Farewell."
    )
    summary = analyze(text, title="Iron Coast").summary
    assert summary.tldr.startswith("Hosted in LA last night, the Golden Globes ceremony crowned")
    assert "Iron Coast also got best director for Mara Quist, and best score." in summary.key_points


def test_a_headline_verdict_with_ultimately_and_a_first_person_one() -> None:
    text = (
        "Grey Orchard follows two sisters who inherit a failing farm in the autumn of 1962.\n\n"
        "The older one wants to sell and the younger wants to stay, and the harvest will not wait.\n\n"
        "Grey Orchard, for all its visual charm and its message, is ultimately unmemorable."
    )
    assert analyze(text, title="Grey Orchard").summary.tldr.endswith("is ultimately unmemorable.")


def test_dialogue_idioms_and_unresolved_people_are_not_the_reviews_questions() -> None:
    text = (
        "Iron Coast is a patient film. Grace says, “You haven't spent much time around cemeteries, have you?” "
        "Because you know what? Which films affected him the most? "
        "When should a daughter stop forgiving her father?"
    )
    assert _own(text) == ["When should a daughter stop forgiving her father?"]


def test_the_most_named_genre_and_the_documentary_wording() -> None:
    western = (
        "Iron Coast is a handsome western. Iron Coast has a melodrama subplot. "
        "As a western, Iron Coast rides well; few westerns look this good."
    )
    assert any("bring to the western" in p for p in _prompts(western, "Iron Coast"))
    doc = "Iron Coast is a patient documentary about a mining town."
    assert "As a documentary, how does Iron Coast shape its real material, and what might it leave out?" in _prompts(
        doc, "Iron Coast"
    )


def test_award_news_asks_no_theme_or_craft() -> None:
    text = (
        "Iron Coast won best drama at the Golden Globes. Iron Coast also won best score and best director. "
        "Joker won best actor. The war film Salt Road won best screenplay, about war and soldiers at war."
    )
    prompts = [p.text for p in analyze(text, title="Iron Coast").prompts]
    assert not any("keeps coming back" in p or p.startswith("The review praises") for p in prompts)


def test_a_review_with_real_doubts_is_torn_not_warm() -> None:
    text = "Iron Coast is beautiful and moving, with stunning scenery. But Iron Coast is also clumsy."
    assert any(p.startswith("The review is torn on Iron Coast") for p in _prompts(text, "Iron Coast"))


def test_a_performance_led_by_the_actor_is_not_the_bottom_line() -> None:
    text = (
        "In 1998, a night-shift nurse in Glasgow begins to suspect her ward's new consultant.\n\n"
        "Maria Okafor is terrific as the nurse, a quiet woman who keeps her fear under a joke.\n"
        "The score is sparse and the camera stays close to the faces.\n\n"
        "This stands as one of the finest hospital thrillers in years, and its last scene is a quiet marvel."
    )
    assert analyze(text, title="Night Ward").summary.tldr.startswith("This stands as one of the finest")


def test_a_summing_up_without_a_verb_can_be_the_tldr() -> None:
    text = (
        "Salt Road follows two sisters who drive a dead uncle's van from Lisbon to the Baltic coast.\n"
        "The road scenes are long and the dialogue is sparse, and some of it drags in the middle.\n\n"
        "The sisters argue in four languages and rarely finish a sentence.\n"
        "Their mother appears only in a phone call, which lands harder than any scene with her could.\n\n"
        "Overall, a tender and funny road movie with two great lead performances."
    )
    tldr = analyze(text, title="Salt Road").summary.tldr
    assert tldr == "A tender and funny road movie with two great lead performances."


def test_a_leading_but_is_dropped_where_the_verdict_stands_alone() -> None:
    text = (
        "The Long Field opens on a harvest and a funeral on the same afternoon.\n"
        "The farmhands talk over each other, and the first hour wanders between them.\n\n"
        "But as directed by Ines Moreau, The Long Field is a brilliant, patient drama that earns every silence."
    )
    tldr = analyze(text, title="The Long Field").summary.tldr
    assert tldr == "As directed by Ines Moreau, The Long Field is a brilliant, patient drama that earns every silence."


def test_a_key_point_never_has_a_pronoun_whose_person_is_elsewhere() -> None:
    text = (
        "Tomas Reyes plays a widower who takes over his son's food truck.\n\n"
        "In the first act, he is stiff and funny, a man who cannot say what he feels.\n"
        "The cooking scenes are shot with real appetite and the editing is quick.\n\n"
        "The script is sharp and the supporting cast is wonderful.\n"
        "Hot Plate is a warm, generous comedy and one of the best films of the summer."
    )
    points = analyze(text, title="Hot Plate").summary.key_points
    assert not any(p.startswith("In the first act, he") for p in points)


def test_the_reviews_questions_about_an_unnamed_it_or_he_are_not_prompts() -> None:
    text = (
        "Black Pond is a horror film about a family that moves to a farm beside a still, dark pond.\n"
        "Something in the water starts to speak to the youngest son. Can you even do anything about it?\n"
        "How did he manage to hide it from his parents for a whole summer?\n"
        "Does Black Pond earn its final ten minutes, or does it cheat?"
    )
    prompts = [p.text for p in analyze(text, title="Black Pond").prompts]
    assert not any(p.startswith(("Can you even", "How did he")) for p in prompts)
    assert "Does Black Pond earn its final ten minutes, or does it cheat?" in prompts


def test_a_review_with_nothing_else_to_ask_gets_its_verdict_as_a_prompt() -> None:
    text = (
        "Black Pond is one of the most profoundly unsettling films I have ever watched.\n"
        "The family moves to the farm in spring. The father repairs the barn. The son swims in the pond."
    )
    prompts = [p.text for p in analyze(text, title="Black Pond").prompts]
    assert prompts[-1] == (
        "The review's verdict: “Black Pond is one of the most profoundly unsettling films I have ever watched.” "
        "Does that match how you saw Black Pond?"
    )


def test_key_points_skip_pointers_back_and_the_writers_asides() -> None:
    text = (
        "Paper Moons is a warm comedy about two rival printers in 1950s Naples.\n\n"
        "Don’t get me wrong, there is a whole bunch I like about this film.\n"
        "The script is sharp and the two leads are wonderful together.\n\n"
        "The camerawork shows this admirable tact also.\n"
        "The photography is lovely and the editing is brisk.\n\n"
        "Paper Moons is one of the most charming films of the year."
    )
    points = analyze(text, title="Paper Moons").summary.key_points
    assert not any(p.startswith(("Don’t get me wrong", "The camerawork shows this")) for p in points)
