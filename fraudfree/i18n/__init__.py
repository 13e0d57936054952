"""Message catalogues (zh.toml, en.toml) and the translate function every user-facing string goes through."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Flat {"section.key": text} for a language."""
    raw = tomllib.loads(resources.files("fraudfree.i18n").joinpath(f"{lang}.toml").read_text(encoding="utf-8"))
    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(f"{name}.", value)
            else:
                flat[name] = value

    walk("", raw)
    return flat


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for `key` in `lang`, formatted with `values`; falls back to Chinese, then to the key."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def translator(lang: str):
    """t with the language bound: `tr = translator("en"); tr("overview.title")`."""
    return lambda key, **values: t(key, lang, **values)


def label(vocabulary: str, value, lang: str = DEFAULT_LANGUAGE) -> str:
    """A value of a vocabulary of kinds.py (method, channel, partner, venue_type, platform) as a reader sees it:
    itself in Chinese, its translation in English; 未填写 / (blank) when the record left it empty."""
    if value is None or value != value:  # None or NaN
        return t("vocabulary.blank", lang)
    return catalogue(lang).get(f"vocabulary.{vocabulary}.{value}", str(value))
