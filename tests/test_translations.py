"""The Chinese interface: every string translated, and the committed catalogue current.

The compiled .mo is committed so that a fresh clone serves Chinese pages without GNU
gettext (`make run` needs no build step); this test fails when someone edits the .po
and forgets `make messages` (or `bin/compile-messages`), or leaves a string untranslated.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def _messages(entries) -> dict:
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
        for entry in entries
        if entry.msgid
    }


def test_every_interface_string_is_translated(catalogue):
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()


def test_translations_keep_their_placeholders(catalogue):
    for entry in catalogue.translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                assert set(PLACEHOLDER.findall(text)) == expected, entry.msgid


def test_the_committed_mo_matches_the_po(catalogue):
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    assert _messages(compiled) == _messages(catalogue), "run `make messages`"


def test_django_serves_the_chinese_catalogue():
    with translation.override("zh-hans"):
        assert translation.gettext("Title not in our sources") == "片名未见于资料"
        assert translation.pgettext("a quote about a film", "on") == "谈"
