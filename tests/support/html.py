"""Rendered pages as parsed HTML: tests find elements and read their text, whatever the attribute order."""

from bs4 import BeautifulSoup, Tag


def parse(response_or_html):
    """A response's body (or an HTML string) parsed with BeautifulSoup; an element already parsed, as it is."""
    if isinstance(response_or_html, Tag):
        return response_or_html
    content = getattr(response_or_html, "content", response_or_html)
    if isinstance(content, bytes):
        content = content.decode()
    return BeautifulSoup(content, "html.parser")


def text(element):
    """An element's text with its white space folded, as a reader sees it."""
    return " ".join(element.get_text(" ").split())


def texts(response_or_html, selector):
    """The text of each element the CSS selector finds, in document order."""
    return [text(element) for element in parse(response_or_html).select(selector)]


def one(response_or_html, selector):
    """The single element the CSS selector finds (an assertion error when there is none or more than one)."""
    found = parse(response_or_html).select(selector)
    assert len(found) == 1, f"{selector!r} found {len(found)} elements"
    return found[0]
