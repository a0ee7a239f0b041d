"""The text of the search index and of a query: folded, Chinese split into character pairs."""

import re
import unicodedata

MAX_QUERY_LENGTH = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Han, kana, Hangul and CJK symbols: scripts written without spaces between words.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
TOKENS = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")


def normalise_query(raw: str | None) -> str:
    """Return the query a reader meant: NFKC-folded, control characters and extra space gone.

    NFKC turns full-width Latin letters typed on a Chinese keyboard (ｗｈｅａｔ) into
    ordinary ones; the length cap keeps a hostile 10,000-character query cheap.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw)
    text = _CONTROL.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")  # lone surrogates
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def cjk_tokens(run: str) -> list[str]:
    """Return the tokens of a run of Chinese: its overlapping pairs, then its last character.

    麦收节 → 麦收 收节 节. A two-character query is then one exact token, a longer one a
    phrase of pairs, and a single character a prefix (麦 → 麦收…, or the lone 节).
    """
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(*values: str | None) -> str:
    """Return `values` as the index stores them: folded, Chinese runs as character pairs."""
    text = " ".join(value for value in values if value)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _CJK_RUN.sub(lambda match: " " + " ".join(cjk_tokens(match.group())) + " ", text)
