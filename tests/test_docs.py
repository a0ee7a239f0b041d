"""The docs read as the house style asks: short sentences, about filmbase as it is.

Every sentence of README.md, CONTRIBUTING.md, CHANGELOG.md and docs/ has fewer than 40
words, outside code blocks and tables. No document refers to a ticket ("the issue")
instead of saying what it means.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Not checked, with the reason.
NOT_CHECKED = {
    "benchmarks.md": "written by bench/report.py from the figures of `make bench`",
}
DOCUMENTS = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    ROOT / "CHANGELOG.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name not in NOT_CHECKED),
]
LIMIT = 40


def sentences(text: str) -> list[str]:
    """Return the prose sentences of a Markdown text: no code, tables, headings or HTML."""
    text = re.sub(r"^ *```.*?^ *```", "", text, flags=re.S | re.M)
    text = re.sub(r"<[^>]+>", "", text)
    found = []
    # A paragraph ends at a blank line; a list item starts a paragraph of its own.
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )", text):
        lines = [line for line in block.splitlines() if not line.startswith(("    ", "|", "#"))]
        paragraph = re.sub(r"^\s*(?:[-*]|\d+\.) ", "", " ".join(line.strip() for line in lines))
        for sentence in re.split(r"(?:(?<=[.!?])|(?<=[.!?]\*\*))\s+(?=[A-Z`(\[*\"])", paragraph):
            if sentence.strip():
                found.append(sentence.strip())
    return found


def test_the_splitter_finds_sentences_and_skips_code_and_tables():
    text = (
        "One two three. Four five: six.\n\n- An item. Another one.\n\n"
        "```sh\nmake run\n```\n\n| a | b |\n"
    )
    assert sentences(text) == ["One two three.", "Four five: six.", "An item.", "Another one."]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_sentence_has_fewer_than_40_words(document):
    long = [s for s in sentences(document.read_text()) if len(s.split()) >= LIMIT]
    assert not long, "\n".join(f"{len(s.split())} words: {s}" for s in long)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_no_document_refers_to_a_ticket(document):
    text = document.read_text()
    assert not re.search(r"\b(?:the|this|that) issue\b", text, re.IGNORECASE)
