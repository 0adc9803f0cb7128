"""Where a concept comes from, in the words the app shows (issue 21).

Every catalogue item is either quoted from the LISES research (`item.source`) or the tool's
own design (`origin: tool`). `research_line` is the one place that words this for a reader:
»the quote« with its readable cite, or "Værktøjets egen ramme". `pack_research` gathers the
lines a FLIP seminar pack opens with: what the research says about the chosen concepts, and the
LISES potential they belong to (the FLIP's theme). Plain Python: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from lises_reflect.catalogue import Catalogue, Lens, Source
from lises_reflect.i18n import t

__all__ = ["PackResearch", "ResearchNote", "pack_research", "research_line", "theme"]


class Traced(Protocol):
    """Any catalogue item: it has a `source` (research) or none (the tool's own design)."""

    @property
    def source(self) -> Source | None: ...


def research_line(item: Traced, lang: str) -> str:
    """'Fra forskningen: »quote« (cite)' for a research item, 'Værktøjets egen ramme' for the
    tool's own. The quote stays Danish in English too ("From the research (Danish): …")."""
    source = item.source
    if source is None:
        return t("provenance.tool", lang)
    return t("provenance.research", lang, quote=source.quote.strip(), cite=source.cite)


@dataclass(frozen=True)
class ResearchNote:
    """One line of a pack's research part: the concept(s) it is about, and the quote."""

    names: str  # "Gribning · Meningsskabende ytring", or a lens's tags quoting one passage
    line: str  # research_line(...)
    is_tag: bool = False


@dataclass(frozen=True)
class PackResearch:
    """What the research says about the concepts a pack works with, and its theme."""

    theme: str  # "Potentiale 3: At udvikle tilgange til …"; "" without concepts
    notes: tuple[ResearchNote, ...]


def theme(cat: Catalogue, lenses: Iterable[Lens], lang: str) -> str:
    """The LISES potential(s) the lenses serve, by number: a FLIP works on one potential."""
    ids = {lens.potential for lens in lenses}
    chosen = [p for p in cat.potentials if p.id in ids]
    return " · ".join(
        t("provenance.potential", lang, number=p.number, title=p.title.get(lang)) for p in chosen
    )


def pack_research(
    cat: Catalogue, lens_ids: Sequence[str], with_tags: bool, lang: str
) -> PackResearch:
    """For each chosen lens its quote, then (when the pack shows the tags) its research tags,
    those that quote the same passage named together (with the lens, when it is the lens's
    passage). Unknown lens ids raise KeyError."""
    lenses = [cat.lens(lid) for lid in dict.fromkeys(lens_ids)]
    notes: list[ResearchNote] = []
    for lens in lenses:
        by_source: dict[Source, list[str]] = {}
        for tag in cat.tags if with_tags else ():
            if tag.concept == lens.id and tag.source is not None:
                by_source.setdefault(tag.source, []).append(tag.label.get(lang))
        # Tags that quote the lens's own passage are named with the lens, not quoted twice.
        names = " · ".join([lens.title.get(lang), *by_source.pop(lens.source, [])])
        notes.append(ResearchNote(names, research_line(lens, lang)))
        for source, labels in by_source.items():
            notes.append(
                ResearchNote(", ".join(labels), research_line(_Quoted(source), lang), True)
            )
    return PackResearch(theme(cat, lenses, lang), tuple(notes))


@dataclass(frozen=True)
class _Quoted:
    source: Source
