"""Contents, chapters, front matter, furniture and page numbers, each on small books unlike our seed."""

from helpers import PAGE_GAP, chapters, page_numbers, q, text_of

TITLE_PAGE = "# THE GREY HOUSE\n\n*by*  \nANNA MERRION\n\nHOLLOW PRESS,  \nDUBLIN\n\nFirst published 1911\n\nPRINTED BY KEANE & SONS, CORK"
STAMP = "CITY LIBRARY\n\nAcc. No.\n\n4410"


def test_contents_entries_with_dot_leaders_are_read_and_removed(clean_text):
    contents = "# CONTENTS\n\nI. THE GATE . . . . . . 1\nII. THE GARDEN .......... 3"
    pages = [TITLE_PAGE, contents, "## I\n\n### THE GATE\n\nIT began.", "Text on two.",
             "## II\n\n## THE GARDEN\n\nThe garden."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    assert [(e.n, e.title, e.page) for e in book.contents] == [("I", "THE GATE", "1"), ("II", "THE GARDEN", "3")]
    assert "CONTENTS" not in " ".join(tree.getroot().itertext())
    assert page_numbers(tree) == ["1", "2", "3"]


def test_chapter_heading_patterns(clean_text):
    pages = [
        "CHAPTER 1\n\nTHE FIRST\n\nText one.",
        "Chapter II.\n\nThe second part begins.",
        "## CHAPTER 3: THE THIRD\n\nText three.",
        "IV\n\nTHE FOURTH\n\nText four.",
    ]
    book, tree = clean_text(PAGE_GAP.join(pages))
    assert [(c.n, c.head) for c in book.chapters] == [
        ("1", "The First"), ("II", ""), ("3", "The Third"), ("IV", "The Fourth")
    ]
    assert [d.get("n") for d in chapters(tree)] == ["1", "II", "3", "IV"]


def test_a_chapter_can_start_mid_page(clean_text):
    text = "CHAPTER 1\n\nONE\n\nFirst text ends here.\n\nCHAPTER 2\n\nTWO\n\nSecond text."
    book, tree = clean_text(text)
    first, second = chapters(tree)
    assert text_of(first).endswith("First text ends here.")
    assert q(tree, "count(//tei:div[@n='2']/tei:pb)") == 0


def test_no_chapters_becomes_one_chapter_with_a_warning(clean_text):
    book, tree = clean_text("Just some text.\n\nAnd more of it.")
    assert len(chapters(tree)) == 1
    assert any("no chapters" in w["message"] for w in book.report.warnings)


def test_front_matter_goes_to_metadata_and_stamps_to_provenance(clean_text):
    pages = [STAMP, "# THE GREY HOUSE", TITLE_PAGE, "CHAPTER 1\n\nTHE GATE\n\nIt began."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    meta = book.metadata
    assert (meta["title"], meta["author"]) == ("The Grey House", "Anna Merrion")
    assert (meta["publisher"], meta["place"], meta["date"]) == ("Hollow Press", "Dublin", "1911")
    assert meta["printer"] == "Keane & Sons, Cork"
    assert meta["provenance"] == ["CITY LIBRARY", "Acc. No. 4410"]
    text = " ".join(q(tree, "//tei:text")[0].itertext())
    assert "4410" not in text and "LIBRARY" not in text
    note = q(tree, "//tei:sourceDesc//tei:note[@type='provenance']")[0]
    assert "Acc. No. 4410" in note.text
    assert q(tree, "//tei:titlePage[@type='half-title']")


def test_running_heads_at_bottom_with_folios_are_removed(clean_text):
    page = "{text}\n\n{head}"
    pages = [
        page.format(text="CHAPTER 1\n\nSTORM\n\nThe wind rose.", head="1"),
        page.format(text="It blew all night.", head="2    THE LONG WATCH"),
        page.format(text="By morning it fell.", head="STORM    3"),
        page.format(text="We slept at last.", head="4    THE LONG WATCH"),
    ]
    book, tree = clean_text(PAGE_GAP.join(pages))
    text = " ".join(q(tree, "//tei:body")[0].itertext())
    assert "LONG WATCH" not in text and "STORM" not in text.replace("Storm", "")
    assert page_numbers(tree) == ["1", "2", "3", "4"]
    assert len(book.report.find("removed running head")) == 3
    assert len(book.report.find("removed folio")) == 4


def test_a_text_line_like_a_title_stays(clean_text):
    pages = ["## CHAPTER 1\n\n## THE SEA\n\nWe went down.", "the sea was calm and grey that day,\nand we rowed."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    assert "the sea was calm" in text_of(q(tree, "//tei:body")[0])


def test_shortened_running_head_is_furniture(clean_text):
    pages = ["# I\n\n## THE END OF THE LONG ROAD\n\nThey walked.", "## LONG ROAD\n\nThey walked on."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    assert "LONG ROAD" not in " ".join(q(tree, "//tei:body")[0].itertext())


def test_folios_number_pages_and_a_misread_folio_is_corrected(clean_text):
    pages = ["11\n\nCHAPTER 1\n\nONE\n\nText.", "12\n\nMore.", "18\n\nMore.", "14\n\nEnd."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    assert page_numbers(tree) == ["11", "12", "13", "14"]
    assert any("misread" in w["message"] for w in book.report.warnings)


def test_blank_verso_skipped_by_the_scan_is_inferred(clean_text):
    contents = "# CONTENTS\n\nI. ONE\t1\nII. TWO\t5"
    pages = [contents, "# I\n\n## ONE\n\nText.", "More.", "End.", "# II\n\n## TWO\n\nText."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    assert page_numbers(tree) == ["1", "2", "3", "5"]
    assert [d.after for d in book.report.find("inferred blank page")] == ["4"]


def test_no_page_evidence_numbers_from_one_with_a_warning(clean_text):
    book, tree = clean_text(PAGE_GAP.join(["# I\n\n## ONE\n\nText.", "More."]))
    assert page_numbers(tree) == ["1", "2"]
    assert any("numbered from 1" in w["message"] for w in book.report.warnings)


def test_verso_recto_disagreement_is_reported(clean_text):
    contents = "# CONTENTS\n\nI. ONE\t1\nII. TWO\t5"
    pages = [contents, "# I\n\n## ONE\n\nText.", "## THE BOOK\n\nMore.", "## ONE\n\nMore.",
             "## THE BOOK\n\nMore.", "# II\n\n## TWO\n\nText.", "## THE BOOK\n\nMore.", "## THE BOOK\n\nEnd."]
    book, tree = clean_text(PAGE_GAP.join(pages))
    bad = [w for w in book.report.warnings if "belongs on" in w["message"]]
    assert len(bad) == 1 and "page 7" in bad[0]["message"]
