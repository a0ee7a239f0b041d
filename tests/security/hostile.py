"""What the hostile-input tests share: the nasty text, the fuzzing budget, the checks.

The strategies draw the text a careless or malicious curator (or client) could send:
Chinese, combining marks, NUL bytes, lone surrogates, right-to-left and zero-width
marks, markup and template syntax, 10,000-character strings. The checks are the
promises every write makes: saved and shown back escaped, or refused with a message,
and then nothing changed at all (rows and history).
"""

import json
import os
from html.parser import HTMLParser

from django.apps import apps
from django.contrib import admin
from django.db import models
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# -- The budget ------------------------------------------------------------------------

# Deterministic (derandomize) and small, so CI is stable and quick; FUZZ_EXAMPLES raises
# the number of examples per test for a deeper run on a quiet machine.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# -- The text --------------------------------------------------------------------------

XSS_PAYLOADS = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "]]>",
    "{{ request }}{% debug %}",
    "line\u2028separator\u2029paragraph",
]

NASTY = [
    "麦收 可灵AI导演共创计划",
    "e\u0301\u0302\u0303 Zalgo\u0336\u0337",  # combining marks
    "\u202eRTL override\u202c \u200fmark\u200e",  # bidi controls
    "zero\u200bwidth\u200c\u200d\ufeff",
    "\x00",
    "nul\x00inside",
    "\ud800",  # lone surrogates: cannot be encoded to UTF-8
    "tail\udfff",
    "🎬🤖 \U0002a6a5",  # astral plane
    "\t\r\n  spaced  \r\n",
    "x" * 10_000,
    "长" * 10_000,
    *XSS_PAYLOADS,
]

SCRIPTS = "\u4e00-\u9fff\u0300-\u036f\u0590-\u05ff\u0600-\u06ff\u200b-\u200f\u202a-\u202e"


def hostile_text(*, surrogates: bool = True) -> st.SearchStrategy[str]:
    """Return a strategy for text that mixes the nasty cases with arbitrary Unicode.

    Without `surrogates` (what an HTML form can carry: a browser sends UTF-8, and Django
    decodes invalid bytes to U+FFFD), lone surrogates are left out.
    """
    pieces = st.one_of(
        st.sampled_from([text for text in NASTY if surrogates or not _has_surrogate(text)]),
        st.text(st.characters(exclude_categories=() if surrogates else ("Cs",)), max_size=20),
        st.text(st.sampled_from(_expand(SCRIPTS) + list("<>&\"'/\\{}%")), max_size=20),
    )
    return st.lists(pieces, min_size=1, max_size=3).map("".join)


def _expand(ranges: str) -> list[str]:
    chars, index = [], 0
    while index < len(ranges):
        first, last = ranges[index], ranges[index + 2]
        chars.extend(chr(code) for code in range(ord(first), ord(last) + 1, 37))
        index += 3
    return chars


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def fuzz_values(names, *, surrogates: bool = True) -> st.SearchStrategy[dict]:
    """Return a strategy for hostile values for a non-empty subset of `names`."""
    names = sorted(names)
    return st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {name: hostile_text(surrogates=surrogates) for name in chosen}
        )
    )


# -- What changed ----------------------------------------------------------------------

CONTENT_APPS = ("films", "people")


def content_admins():
    """Return (model, model admin) for every model of filmbase's apps in the admin."""
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in CONTENT_APPS
        ),
        key=lambda pair: pair[0]._meta.label,
    )


def free_unique_values(model, data: dict) -> dict:
    """Turn an entry's data into a new entry's: unique values made free again."""
    data = dict(data)
    unique = [c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    conditional = {
        name
        for constraint in unique
        if constraint.condition is not None and len(constraint.fields) == 1
        for name in constraint.fields
    }
    # Unique together (a person's link and its address, a citation's subject, source,
    # topic and note): a new value for one of its text fields.
    together = {
        next(name for name in constraint.fields if _is_text(model._meta.get_field(name)))
        for constraint in unique
        if len(constraint.fields) > 1
        and any(_is_text(model._meta.get_field(name)) for name in constraint.fields)
    }
    for field in model._meta.fields:
        name = next((key for key in (field.name, field.attname) if key in data), None)
        if name is None:
            continue
        if (field.unique and not field.primary_key) or field.name in together:
            free = f"fuzz-added-{model._meta.model_name}"
            data[name] = (
                f"https://example.org/{free}" if isinstance(field, models.URLField) else free
            )
        elif field.name in conditional and field.blank:
            data[name] = ""
    return data


def _is_text(field) -> bool:
    return isinstance(field, models.CharField) and not field.choices


def row_counts() -> dict[str, int]:
    """Return the number of rows of every model of filmbase's apps, history included."""
    return {
        model._meta.label: model._base_manager.count()
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def assert_history_grew(model, before: dict) -> None:
    """Assert that a save was recorded in the model's history since `before`."""
    label = model.history.model._meta.label
    assert row_counts()[label] > before[label], f"no history record in {label}"


class Cases:
    """Count the examples a fuzz test ran and how they ended, for its report line."""

    def __init__(self, name: str):
        self.name = name
        self.outcomes: dict[str, int] = {}

    def add(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    def report(self, capsys) -> None:
        with capsys.disabled():
            counts = ", ".join(f"{name} {n}" for name, n in sorted(self.outcomes.items()))
            print(f"\n{self.name}: {self.total} cases ({counts})")


# -- Reading what the site sent back --------------------------------------------------


class Markup(HTMLParser):
    """Parse a page into its elements, attributes and script contents."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = (attributes, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def meta(self, key: str) -> list[str]:
        """Return the content of the <meta> tags whose property or name is `key`."""
        return [
            attrs.get("content", "")
            for tag, attrs in self.elements
            if tag == "meta" and key in (attrs.get("property"), attrs.get("name"))
        ]

    def json_ld(self) -> list:
        return [json.loads(text) for attrs, text in self.scripts if _is_data(attrs)]


def _is_data(attrs: dict) -> bool:
    return attrs.get("type") in ("application/ld+json", "application/json")


def assert_nothing_injected(text: str, where: str) -> Markup:
    """Assert that a page has no element, attribute or script that a payload could add.

    Every <script> must be ours: loaded from a file (src) or a data block (JSON), whose
    text must parse and must not contain `</script` raw. No event-handler attribute, no
    `javascript:` link, no <img src=x>.
    """
    markup = Markup(text)
    for tag, attrs in markup.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"{where}: <{tag}> has event handler {handlers}"
        for name in ("href", "src", "action", "formaction", "cite"):
            value = "".join(attrs.get(name, "").split()).lower()
            assert not value.startswith("javascript:"), f"{where}: <{tag} {name}={value!r}>"
        assert not (tag == "img" and attrs.get("src") == "x"), f"{where}: injected <img>"
    for attrs, body in markup.scripts:
        assert "src" in attrs or _is_data(attrs), f"{where}: inline script {body[:80]!r}"
        if _is_data(attrs):
            assert "</script" not in body.lower(), f"{where}: </script inside a data block"
            json.loads(body)
    return markup


def strings_in(data) -> list[str]:
    """Return every string inside parsed JSON."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings_in(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings_in(value)]
    return []
