"""What the product calls research is quotable from the research (issue 21).

Every `source.quote` in prompts/ must stand verbatim in the research file and lines its
`source.ref` names. The research texts live beside the repository (`../shared/research/`, or
`LISES_RESEARCH_DIR`); the catalogue never depends on them, so without them this test skips.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lises_reflect.catalogue import DEFAULT_DIR, Source, load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def _research_dir() -> Path | None:
    for candidate in (os.environ.get("LISES_RESEARCH_DIR"), ROOT.parent / "shared" / "research"):
        if candidate and (Path(candidate) / "README.md").is_file():
            return Path(candidate)
    return None


RESEARCH = _research_dir()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sources() -> list[tuple[str, Source]]:
    """Every quoted item of the shipped catalogue, by id."""
    cat = load_catalogue(DEFAULT_DIR)
    items = [
        *cat.phases,
        *cat.lenses,
        *(q for lens in cat.lenses for q in lens.questions),
        *cat.tags,
        *cat.link_outcomes,
        *cat.ground_rules,
        *cat.conversation_kinds,
        *cat.situation_categories,
        *cat.learning_categories,
        *cat.figure_sources,
        *cat.potentials,
    ]
    return [(item.id, item.source) for item in items if item.source is not None]


def test_the_catalogue_quotes_the_research_for_its_concepts() -> None:
    ids = {item_id for item_id, _ in _sources()}
    assert {"gribning", "taken_up", "passed_over", "overtaken_institutional"} <= ids
    assert {p.id for p in load_catalogue(DEFAULT_DIR).potentials} <= ids
    assert len(ids) >= 30


@pytest.mark.skipif(RESEARCH is None, reason="the research texts (../shared/research) are absent")
@pytest.mark.parametrize(("item_id", "source"), _sources(), ids=lambda v: getattr(v, "ref", v))
def test_every_quote_stands_verbatim_where_its_reference_says(item_id: str, source: Source) -> None:
    assert RESEARCH is not None
    name, _, lines = source.ref.partition(":")
    first, _, last = lines.partition("-")
    text = (RESEARCH / name).read_text(encoding="utf-8").splitlines()
    start, end = int(first), int(last or first)
    assert 1 <= start <= end <= len(text), f"{item_id}: {source.ref} is outside {name}"
    passage = _plain(" ".join(text[start - 1 : end]))
    assert _plain(source.quote) in passage, f"{item_id}: not verbatim at {source.ref}"


TARGETS_QUOTE = "men hvor opfyldelse af måltal ikke må blive et mål i sig selv"


def test_the_lead_page_quotes_the_warning_about_targets_in_both_languages() -> None:
    """Issue 21, item 6: the line on why volume is context quotes the research verbatim."""
    from lises_reflect.i18n import t

    for lang in ("da", "en"):
        assert f"»{TARGETS_QUOTE}«" in t("team.context_why", lang)


@pytest.mark.skipif(RESEARCH is None, reason="the research texts (../shared/research) are absent")
def test_the_warning_about_targets_stands_verbatim_at_003_654() -> None:
    assert RESEARCH is not None
    lines = (RESEARCH / "003_67633d2e67232912.txt").read_text(encoding="utf-8").splitlines()
    assert TARGETS_QUOTE in _plain(lines[653])
