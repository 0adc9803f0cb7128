"""User-facing strings, Danish first: one loader and one `t()` for every text the app shows.

The texts live in `data/strings/<lang>.yaml`, one file per language with the same keys, grouped
by area: the key `app.title` is `title` under `app:`. A value is a text with `{placeholders}`,
or a plural: a mapping with `one` and `other`, chosen by the `count` parameter (`one` when
count == 1, in Danish and English alike). Both files are read once and checked when first used
(the app does so at start): the same keys, the same plural shape and the same placeholders in
both languages; an error names the file and the key. The prompt catalogue carries its own
translations.
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path
from typing import Any

from lises_reflect.catalogue import CatalogueError, read_yaml

LANGUAGES = ("da", "en")
PLURAL_FORMS = ("one", "other")
STRINGS_DIR = Path(__file__).resolve().parent / "data" / "strings"
_NAME = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*")

Text = str | dict[str, str]  # a text, or a plural: {"one": ..., "other": ...}


class StringsError(CatalogueError):
    """A strings file is wrong; says which file and which key, as CatalogueError does."""


def placeholders(text: Text, file: str = "", key: str = "") -> frozenset[str]:
    """The {names} a text (all forms of a plural) fills in; `file`/`key` for the error."""
    found: set[str] = set()
    for form in text.values() if isinstance(text, dict) else (text,):
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(form) if f is not None]
        except ValueError as err:
            raise StringsError(file, key, f"broken placeholder: {err}") from err
        found.update(re.split(r"[.\[]", f, maxsplit=1)[0] for f in fields)
    return frozenset(found)


def _read_language(directory: Path, lang: str) -> dict[str, Text]:
    file = f"{lang}.yaml"
    data = read_yaml(directory / file, file, StringsError)
    if not isinstance(data, dict):
        raise StringsError(file, "(file)", "must be a mapping of groups, e.g. app: ...")
    table: dict[str, Text] = {}
    for group, names in data.items():
        if not isinstance(group, str) or not _NAME.fullmatch(group) or "." in group:
            raise StringsError(file, str(group), "a group name is lower-case letters and _")
        if not isinstance(names, dict) or not names:
            raise StringsError(file, group, "must be a mapping of names to texts")
        for name, value in names.items():
            key = f"{group}.{name}"
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                raise StringsError(file, key, "a name is lower-case letters, digits, _ and .")
            if isinstance(value, dict):
                if sorted(value) != sorted(PLURAL_FORMS) or not all(
                    isinstance(v, str) for v in value.values()
                ):
                    raise StringsError(file, key, "a plural has exactly a text for one and other")
            elif not isinstance(value, str):
                raise StringsError(file, key, "must be a text (quote it if it looks otherwise)")
            placeholders(value, file, key)
            table[key] = value
    return table


def read_strings(directory: Path | str | None = None) -> dict[str, dict[str, Text]]:
    """Read and check every language's file: language -> key -> text."""
    directory = Path(directory) if directory is not None else STRINGS_DIR
    tables = {lang: _read_language(directory, lang) for lang in LANGUAGES}
    first, *others = LANGUAGES
    for lang in others:
        for a, b in ((first, lang), (lang, first)):
            for key in tables[a].keys() - tables[b].keys():
                raise StringsError(f"{b}.yaml", key, f"missing (it is in {a}.yaml)")
        for key, text in tables[first].items():
            other = tables[lang][key]
            if isinstance(text, dict) != isinstance(other, dict):
                raise StringsError(
                    f"{lang}.yaml", key, f"a plural in one of {first}.yaml and {lang}.yaml only"
                )
            mine, theirs = placeholders(text), placeholders(other)
            if mine != theirs:
                raise StringsError(
                    f"{lang}.yaml",
                    key,
                    f"placeholders {sorted(theirs)} differ from {first}.yaml's {sorted(mine)}",
                )
    return tables


@cache
def strings() -> dict[str, dict[str, Text]]:
    """The shipped strings, read and checked once; raises StringsError if a file is wrong."""
    return read_strings()


def whole_number(number: int, lang: str) -> str:
    """A whole number as the reader writes it: 20.000 in Danish, 20,000 in English."""
    text = f"{number:,}"
    return text if lang == "en" else text.replace(",", ".")


def t(key: str, lang: str = "da", **params: Any) -> str:
    """Translate; an unknown key shows itself so a missing string is visible, not silent."""
    text = strings()["en" if lang == "en" else "da"].get(key)
    if text is None:
        return key
    if isinstance(text, dict):
        text = text["one" if params.get("count") == 1 else "other"]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError):
            return text
    return text


def builtin_names() -> list[str]:
    """The names in the `builtin` group: Streamlit's own interface texts. en.yaml holds each
    exactly as Streamlit's frontend draws it, the other language what its reader sees instead
    (static/builtin_texts.js). Read from the files, so a text added there is also sent."""
    return sorted(k.removeprefix("builtin.") for k in strings()["en"] if k.startswith("builtin."))


@cache
def builtin_texts(lang: str) -> dict[str, Any]:
    """What static/builtin_texts.js needs to put Streamlit's English texts into `lang`: exact
    texts (English -> `lang`) and patterns with a {placeholder} ("{size} per file"). English
    needs nothing; the English texts are sent anyway, to restore them after a switch back.
    Made once per language: the frame sends it on every run."""
    texts: dict[str, str] = {}
    patterns: list[list[str]] = []
    for name in builtin_names():
        english = str(t(f"builtin.{name}", "en"))
        shown = english if lang == "en" else str(t(f"builtin.{name}", lang))
        if placeholders(english):
            patterns.append([english, shown])
        else:
            texts[english] = shown
    return {"lang": lang, "texts": texts, "patterns": patterns}


class Message:
    """A text to show later, in the language of whoever reads it: a key and its parameters.
    A parameter may itself be a Message (a part of the text), translated into the same language.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str = "da") -> str:
        params = {
            name: value.text(lang) if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"
