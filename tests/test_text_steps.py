"""Joins, notes, inline markup, typography, case, lead-ins and closers, on small sources."""

import pytest

from converter.cleaning.case import sentence_case, title_case
from converter.cleaning.joins import hyphen_decision
from converter.cleaning.vocabulary import build_vocabulary
from helpers import PAGE_GAP, paragraphs, q, text_of

OPEN = "# I\n\n## THE START\n\n"


@pytest.fixture
def vocab():
    return build_vocabulary(
        ["The counter-revolution and the counter-attack failed; bureaucrats and well-known men.\n"
         "The OGPU came. The Ogpu went. The OGPU stayed. Stalin spoke to McDonald in Moscow."]
    )


@pytest.mark.parametrize(
    "first, second, keep",
    [
        ("bureau", "crats", False),  # the book writes 'bureaucrats'
        ("well", "known", True),  # the book writes 'well-known'
        ("counter", "revolutionary", False),  # 'revolutionary' is not a word of this little book
        ("counter", "revolution", True),  # ... but 'counter-revolution' is
        ("Anglo", "French", True),  # capitalised second part
        ("pas", "senger", False),  # no evidence: soft hyphen
    ],
)
def test_hyphen_decision_uses_the_books_vocabulary(vocab, first, second, keep):
    assert hyphen_decision(first, second, vocab)[0] is keep


def test_counter_prefix_keeps_hyphen_when_second_part_is_known(vocab):
    vocab.add_text("a revolutionary idea")
    assert hyphen_decision("counter", "revolutionary", vocab)[0] is True


def test_paragraph_cut_by_page_end_is_joined_with_page_break_inside(clean_text):
    book, tree = clean_text(PAGE_GAP.join([OPEN + "We had learned", "to repeat it. Then", "Anna came."]))
    [p] = q(tree, "//tei:body//tei:p")
    assert text_of(p) == "We had learned to repeat it. Then Anna came."
    assert [pb.get("n") for pb in p.iterfind(".//{*}pb")] == ["2", "3"]


def test_paragraph_ending_a_sentence_at_page_end_is_not_joined(clean_text):
    book, tree = clean_text(PAGE_GAP.join([OPEN + "It ended.", "New start here."]))
    assert len(q(tree, "//tei:body//tei:p")) == 2


def test_hyphenated_word_across_page_is_rejoined_and_page_break_follows_it(clean_text):
    text = OPEN + "The bureaucrats came.\n\nThe bureau-" + PAGE_GAP + "crats left, and well-known men. The well-" + PAGE_GAP + "known face."
    book, tree = clean_text(text)
    body = text_of(q(tree, "//tei:body")[0])
    assert "The bureaucrats left" in body and "The well-known face." in body
    pb = q(tree, "//tei:body//tei:p/tei:pb")[0]
    assert pb.tail.startswith(" left")
    assert {d.after for d in book.report.find("joined hyphenated word")} == {"bureaucrats"}
    assert {d.after for d in book.report.find("kept hyphen")} == {"well-known"}


def test_hard_wrapped_lines_are_unwrapped_and_rejoined(clean_text):
    book, _ = clean_text(OPEN + "I remem-\nbered the long\nroad home.")
    assert paragraphs(book) == ["I remembered the long road home."]


def test_dash_at_page_join_takes_no_space(clean_text):
    book, _ = clean_text(PAGE_GAP.join([OPEN + "My friends", "—arrested, shot—", "or gone."]))
    assert paragraphs(book) == ["My friends—arrested, shot—or gone."]


def test_stray_point_before_a_lower_case_continuation_is_removed(clean_text):
    book, _ = clean_text(PAGE_GAP.join([OPEN + "“Many must fall .", "by the wayside.”"]))
    assert paragraphs(book) == ["“Many must fall by the wayside.”"]


def test_footnote_moves_to_its_reference_even_inside_a_broken_word(clean_text):
    text = OPEN + "The O.M.S.<sup>1</sup> is the compli-\n\n<sup>1</sup> Otdel *Svyazi*." + PAGE_GAP + "cated part."
    book, tree = clean_text(text)
    [note] = q(tree, "//tei:note")
    assert note.get("place") == "foot" and note.get("n") == "1"
    assert text_of(note) == "Otdel Svyazi."
    assert note.getparent().tag.endswith("p")
    assert text_of(q(tree, "//tei:body//tei:p")[0]).endswith("is the complicated part.")


def test_footnote_without_reference_is_attached_with_a_warning(clean_text):
    book, tree = clean_text(OPEN + "Text here.\n\n<sup>2</sup> A lost note.")
    assert len(q(tree, "//tei:note")) == 1
    assert any("no reference mark" in w["message"] for w in book.report.warnings)


def test_inline_markup_and_escapes(clean_text):
    book, tree = clean_text(OPEN + r"*Was* it **so**? It cost \$100 and 5 \* 3 &amp; <i>more</i><script>x</script>.")
    p = q(tree, "//tei:body//tei:p")[0]
    assert [(h.get("rend"), h.text) for h in p.iterfind("{*}hi")] == [("italic", "Was"), ("bold", "so"), ("italic", "more")]
    assert text_of(p) == "Was it so? It cost $100 and 5 * 3 & more."
    assert book.report.find("removed active HTML"), "a script goes with its content"


@pytest.mark.parametrize(
    "source, expected",
    [
        ('"Not one," I replied.', "“Not one,” I replied."),
        ("Don't go to the peasants' store.", "Don’t go to the peasants’ store."),
        ("He said 'yes' in '39.", "He said ‘yes’ in ’39."),
        ('"I was—" he stopped.', "“I was—” he stopped."),
        ('as *"traitors,"* said', "as “traitors,” said"),
        ("I asked them. . . . Then", "I asked them…. Then"),
        ("fall . . . by the way", "fall … by the way"),
        ("wait -- now", "wait—now"),
        ("Dictatorship.✓ Then", "Dictatorship. Then"),
        ("General Koutieпов came", "General Koutiepov came"),
    ],
)
def test_typography_rules(clean_text, source, expected):
    book, _ = clean_text(OPEN + "The OGPU man.\n\n" + source)
    assert paragraphs(book)[-1] == expected


def test_mixed_script_repair_is_reported(clean_text):
    book, _ = clean_text(OPEN + "General Koutieпов came.")
    [d] = book.report.find("repaired mixed-script word")
    assert (d.before, d.after) == ("Koutieпов", "Koutiepov")


def test_a_symbol_the_book_uses_often_is_kept(clean_text):
    book, _ = clean_text(OPEN + "Play ♔ then ♔ and ♔ again.")
    assert paragraphs(book) == ["Play ♔ then ♔ and ♔ again."]


def test_title_and_sentence_case(vocab):
    assert title_case("STALIN'S HAND IN SPAIN", vocab) == "Stalin's Hand in Spain"
    assert title_case("THE OGPU", vocab) == "The OGPU"
    assert title_case("WHY DID THEY CONFESS?", vocab) == "Why Did They Confess?"
    assert title_case("MY BREAK WITH STALIN", vocab) == "My Break with Stalin"
    assert title_case("LONDON, W.C.2", vocab) == "London, W.C.2"
    assert title_case("Already Mixed Case", vocab) == "Already Mixed Case"
    assert title_case("MCDONALD", vocab) == "McDonald"
    assert sentence_case("I MADE", vocab) == "I made"
    assert sentence_case("STALIN", vocab) == "Stalin"
    assert sentence_case("THE", vocab) == "The"


def test_lead_in_capitals_become_small_caps(clean_text):
    book, tree = clean_text(OPEN + "DURING the night Stalin spoke.")
    [hi] = q(tree, "//tei:body//tei:p/tei:hi[@rend='smallcaps']")
    assert hi.text == "During"
    assert text_of(q(tree, "//tei:body//tei:p")[0]) == "During the night Stalin spoke."


def test_closer_signature_and_dateline(clean_text):
    title = "# THE BOOK\n\n*by*\nANNA MERRION"
    book, tree = clean_text(PAGE_GAP.join([title, OPEN + "Text.\n\nANNA MERRION.\n\n*Cork, May 1911.*"]))
    [closer] = q(tree, "//tei:closer")
    assert text_of(closer.find("{*}signed")) == "Anna Merrion."
    assert text_of(closer.find("{*}dateline")) == "Cork, May 1911."


def test_short_capitals_line_alone_is_not_a_closer(clean_text):
    book, tree = clean_text(OPEN + "Text.\n\nTHE END.")
    assert not q(tree, "//tei:closer")


def test_quoted_headline_stays_inside_the_quotation(clean_text):
    text = OPEN + 'It said:\n\n### "FAKE BILLS TRACED\n\n"The origin is found.\n\n"They are old."\n\nThen we left.'
    book, tree = clean_text(text)
    [quote] = q(tree, "//tei:body//tei:quote")
    assert text_of(quote.find(".//{*}head")) == "“Fake Bills Traced"
    assert len(quote.findall(".//{*}p")) == 2
    assert text_of(q(tree, "//tei:body/tei:div/tei:p")[-1]) == "Then we left."


def test_other_heading_inside_a_chapter_opens_a_section(clean_text):
    book, tree = clean_text(OPEN + "Text.\n\n### A NEW PART\n\nMore text.")
    [section] = q(tree, "//tei:div[@type='section']")
    assert text_of(section.find("{*}head")) == "A New Part"


def test_language_from_spelling(clean_text):
    british, _ = clean_text(OPEN + "The labour of the harbour was our defence and our honour.")
    american, _ = clean_text(OPEN + "The labor of the harbor was our defense and our honor.")
    assert british.metadata["language"] == "en-GB"
    assert american.metadata["language"] == "en-US"
