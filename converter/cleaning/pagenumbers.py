"""Printed page numbers for the body pages, from the book's own evidence.

Evidence, strongest first: folios printed on the pages; the page each chapter opens on, from the
contents page. Pages in between are counted on from the last evidence. A chapter that opens one page
later than counted had a blank verso before it that the scan skipped. Running heads then confirm the
numbering: a head used in several chapters (the book's title) sits on one side of the spread, a head
used in one chapter on the other. Every disagreement is reported.
"""

from collections import Counter, defaultdict

from .chapters import normalise

STEP = "number_pages"


def number_pages(book):
    pages = book.body_pages()
    if not pages:
        return book
    anchors = _anchors(book, pages)
    if not anchors:
        book.report.warn(STEP, "no folios and no contents page: pages numbered from 1")
        anchors = {pages[0].index: (1, "start")}
    _count_on(book, pages, anchors)
    _check_spreads(book, pages)
    return book


def _anchors(book, pages):
    anchors = {p.index: (int(p.folio), "folio") for p in pages if p.folio}
    for chapter in book.chapters:
        if chapter.contents is None:
            continue
        printed = int(chapter.contents.page)
        known = anchors.get(chapter.start_page)
        if known and known[0] != printed:
            book.report.warn(
                STEP,
                f"chapter {chapter.n or chapter.title} opens on a page with folio {known[0]}, "
                f"but the contents says {printed}",
                [chapter.contents.line],
            )
            continue
        anchors[chapter.start_page] = (printed, "contents")
    return anchors


def _count_on(book, pages, anchors):
    first = min(anchors)
    first_n = anchors[first][0] - sum(1 for p in pages if p.index < first)
    expected = first_n
    openings = {c.start_page for c in book.chapters}
    for i, page in enumerate(pages):
        number, evidence = anchors.get(page.index, (expected, "count"))
        if evidence != "count" and number != expected and page.index != pages[0].index:
            number = _reconcile(book, pages, i, number, expected, evidence, anchors, openings)
        page.number = str(number)
        if evidence == "count":
            book.report.record(STEP, "inferred page", [page.first_line], after=str(number), why="counted on")
        else:
            book.report.record(STEP, "read page number", [page.first_line], after=str(number), why=evidence)
        expected = number + 1


def _reconcile(book, pages, i, number, expected, evidence, anchors, openings):
    page = pages[i]
    following = anchors.get(pages[i + 1].index) if i + 1 < len(pages) else None
    if evidence == "folio" and following and following[0] == expected + 1:
        book.report.warn(STEP, f"folio {number} misread: the pages around it make it {expected}", [page.first_line])
        return expected
    if number == expected + 1 and page.index in openings:
        book.report.record(
            STEP,
            "inferred blank page",
            [page.first_line],
            after=str(expected),
            why="the chapter opens a page later than counted: a blank verso the scan skipped",
        )
        return number
    book.report.warn(
        STEP, f"page counted as {expected} is {number} by its {evidence}: using {number}", [page.first_line]
    )
    return number


def _check_spreads(book, pages):
    """Heads shared by chapters (the book's) and heads of one chapter should sit on opposite sides."""
    chapter_of = _chapter_of_pages(book, pages)
    chapters_by_head = defaultdict(set)
    for page in pages:
        if page.head:
            chapters_by_head[normalise(page.head)].add(chapter_of[page.index])
    sides = defaultdict(Counter)
    for page in pages:
        if page.head and page.number.isdigit():
            kind = "book" if len(chapters_by_head[normalise(page.head)]) > 1 else "chapter"
            sides[kind][int(page.number) % 2] += 1
    if not sides["book"] or not sides["chapter"]:
        return
    book_side = sides["book"].most_common(1)[0][0]
    for page in pages:
        if not page.head or not page.number.isdigit():
            continue
        key = normalise(page.head)
        kind = "book" if len(chapters_by_head[key]) > 1 else "chapter"
        want = book_side if kind == "book" else 1 - book_side
        if int(page.number) % 2 != want:
            book.report.warn(
                STEP,
                f"page {page.number} has running head '{page.head}', which belongs on "
                f"{'even' if want == 0 else 'odd'} pages",
                [page.first_line],
            )


def _chapter_of_pages(book, pages):
    starts = sorted((c.start_page, i) for i, c in enumerate(book.chapters))
    chapter_of, current = {}, 0
    for page in pages:
        for start, i in starts:
            if start <= page.index:
                current = i
        chapter_of[page.index] = current
    return chapter_of
