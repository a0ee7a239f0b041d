"""Chinese as a Chinese reader expects it: full-width punctuation and pinyin order."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A Han character, or a full-width mark that ends a Chinese clause or quotation.
_CJK = "\u3400-\u9fff\uf900-\ufaff\u3001-\u3011\uff01-\uff5e\u201c\u201d"
# Half-width punctuation written against Chinese: before or after a Han character (or
# after a full-width mark). Between Latin words (an English title, "[S8, S9]") it is
# left alone, since there it is the right mark.
_HALF_WIDTH = re.compile(f'(?<=[{_CJK}])[,:;!?()"]|[,:;!?("](?=[\u3400-\u9fff])|(?<=[{_CJK}])\\.')

FULL_WIDTH = {
    ",": "，",
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
    '"': "“”",
    ".": "。",
}


def half_width_marks(text: str) -> list[str]:
    """Return each half-width mark in `text` that sits against Chinese, with its context."""
    return [
        text[max(0, match.start() - 6) : match.end() + 6]
        for match in _HALF_WIDTH.finditer(text or "")
    ]


def validate_chinese_punctuation(value: str) -> None:
    """Refuse Chinese text with half-width punctuation against Chinese characters."""
    found = half_width_marks(value)
    if found:
        marks = " ".join(sorted({FULL_WIDTH[m] for m in _HALF_WIDTH.findall(value)}))
        raise ValidationError(
            _("Use full-width punctuation in Chinese (%(marks)s): “%(context)s”."),
            code="half_width_punctuation",
            params={"marks": marks, "context": found[0]},
        )


def pinyin_key(text: str) -> str:
    """Return the key that sorts `text` by its pinyin, then tones: "ye4 jin3 tian1".

    pypinyin reads each Han character in context (heteronyms by phrase); Latin letters
    pass through lower-cased, so a name without Chinese sorts among the pinyin.
    """
    # Imported here, not above: pypinyin loads its phrase dictionaries into memory, and
    # only a save of a person needs them, never a process that serves readers.
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415

    syllables = lazy_pinyin(text or "", style=Style.TONE3, neutral_tone_with_five=True)
    plain = [re.sub(r"\d", "", s) for s in syllables]
    return " ".join(plain).lower() + " | " + " ".join(syllables).lower()
