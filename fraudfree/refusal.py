"""Refusals that commands and pages show in the user's language: an i18n key and the values it names."""

from __future__ import annotations

import json
import sys

from fraudfree import i18n


class Refusal(Exception):
    """A refused operation; its text is `<section>.<code>` in the message catalogues."""

    section = ""

    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code = code
        self.values = values

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        return i18n.t(f"{self.section}.{self.code}", lang, **self.values)

    def bilingual(self) -> str:
        """Chinese, then English: what the command line prints."""
        return f"{self.message('zh')} / {self.message('en')}"

    def as_json(self) -> dict:
        return {"code": self.code, "message": self.bilingual()}


class DatabaseUnavailable(Refusal):
    """A command cannot reach the database: missing, held by another process, or the app does not answer."""

    section = "database"


def report(args, refusal: Refusal) -> int:
    """Tell the user why a command refused (JSON on stdout under --json, else the text on stderr); exit 1."""
    if args.json:
        print(json.dumps({"error": refusal.as_json()}, ensure_ascii=False))
    else:
        print(refusal.bilingual(), file=sys.stderr)
    return 1
