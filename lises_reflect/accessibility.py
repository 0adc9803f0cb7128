"""The accessibility statement (tilgængelighedserklæring) that Danish law asks of a public
body's web solution (lov nr. 692 af 8. juni 2018: WCAG 2.1 AA).

The tool states what it does and what it does not yet do; the municipality that runs it
publishes its own statement, with its contact and the way to complain, and sets its address
(`LISES_ACCESSIBILITY_URL`). This is our own text, not research.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lises_reflect.config import Settings
from lises_reflect.i18n import t

__all__ = ["REVIEWED", "Section", "Statement", "statement"]

# When the statement below was last checked against the tool and its tests: change it with
# the text.
REVIEWED = date(2026, 12, 4)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]  # Markdown written by us; the URL is checked in `config`


@dataclass(frozen=True)
class Statement:
    title: str
    sections: tuple[Section, ...]


def _day(d: date, lang: str) -> str:
    month = t(f"period.month.{d.month}", lang)
    return f"{d.day}. {month} {d.year}" if lang == "da" else f"{d.day} {month} {d.year}"


def statement(settings: Settings, lang: str = "da") -> Statement:
    """The statement in `lang`, pointing at the municipality's own when it is configured."""
    url = settings.accessibility_url
    if url:
        municipality = t("a11y.municipality", lang, url=url)
    else:
        municipality = t("a11y.municipality_missing", lang)
    return Statement(
        title=t("a11y.title", lang),
        sections=(
            Section(t("a11y.scope.heading", lang), (t("a11y.scope", lang),)),
            Section(t("a11y.status.heading", lang), (t("a11y.status", lang),)),
            Section(
                t("a11y.limits.heading", lang),
                (t("a11y.limits.grid", lang), t("a11y.limits.charts", lang)),
            ),
            Section(
                t("a11y.method.heading", lang),
                (t("a11y.method", lang, date=_day(REVIEWED, lang)),),
            ),
            Section(t("a11y.contact.heading", lang), (municipality, t("a11y.complaint", lang))),
        ),
    )
