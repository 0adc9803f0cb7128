"""The demo data files: they load, follow the prompt catalogue, and a broken one says where.

The seeded demo itself is tested in test_demo; these tests need no database.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from lises_reflect import demo_content
from lises_reflect.catalogue import DEFAULT_DIR, catalogue, load_catalogue
from lises_reflect.demo_content import DATA_DIR, DemoContentError, load_content
from lises_reflect.privacy import find_personal_data


def test_the_shipped_data_loads_and_uses_only_catalogue_ids() -> None:
    data = demo_content.content()
    cat = catalogue()
    kinds = {o.id for o in cat.conversation_kinds}
    situations = {o.id for o in cat.situation_categories}
    categories = {o.id for o in cat.learning_categories}
    lenses = set(cat.lens_ids())
    assert len(data.cases) == 15
    assert len({case.title for case in data.cases}) == len(data.cases)
    for case in data.cases:
        assert case.conversation_kind in kinds
        assert case.situation and set(case.situation) <= situations
        assert case.lenses and set(case.lenses) <= lenses
        assert {o.lens for o in case.observations} <= lenses
        assert {p.category for p in case.learning_points} <= categories
    # demo.seed draws from every category, the seven barriers to involvement (issue 21) too
    assert set(data.learning_points) == categories
    assert sum(c.startswith("barrier_") for c in data.learning_points) == 7
    assert set(data.reflections) <= lenses
    assert len(data.organisations) == 2 and all(o.teams for o in data.organisations)
    assert data.small_team and len(data.first_names) >= 30 and len(data.last_names) >= 30


def test_demo_texts_pass_the_personal_data_guard() -> None:
    texts = demo_content.free_texts()
    data = demo_content.content()
    texts += [o.name for o in data.organisations] + [t for o in data.organisations for t in o.teams]
    texts += [data.small_team, *data.first_names, *data.last_names]
    assert len(texts) > 350
    assert {t: find_personal_data(t) for t in texts if find_personal_data(t)} == {}


def test_composed_cases_only_recombine_the_files_texts() -> None:
    data = demo_content.content()
    known = set(demo_content.free_texts())
    for i in range(300):
        case = demo_content.compose_case(random.Random(i))
        base = next(c for c in data.cases if c.excerpt == case.excerpt)
        assert {case.title, case.context_wish, case.struck, case.takeaway} <= known
        assert set(case.reflections) <= known
        assert case.situation[0] == base.situation[0]
        assert set(case.situation) <= set(base.situation)
        assert min(3, len(base.observations)) <= len(case.observations)
        assert set(case.observations) <= set(base.observations)
        assert 1 <= len(case.learning_points) <= len(base.learning_points)
        own = {(p.text, p.category) for p in base.learning_points}
        assert {(p.text, p.category) for p in case.learning_points} <= own
    assert demo_content.content() is data  # loaded once, and never changed


# ------------------------------------------------------------------------------ broken files


def broken_copy(tmp_path: Path, file: str, edit: Callable[[Any], None]) -> Path:
    """A copy of the shipped data with one file parsed, edited and written back."""
    root = tmp_path / "demo"
    shutil.copytree(DATA_DIR, root)
    data = yaml.safe_load((root / file).read_text(encoding="utf-8"))
    edit(data)
    (root / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def _set(path: tuple, value: Any) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return edit


def _delete(path: tuple) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return edit


def _rename(path: tuple, new: str) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[new] = data.pop(path[-1])

    return edit


BROKEN = [
    # wrong option ids: checked against the catalogue
    (
        "cases.yaml",
        _set(("cases", 0, "conversation_kind"), "internship"),
        "cases[0].conversation_kind",
        "unknown conversation kind 'internship'; use one of: first_meeting,",
    ),
    (
        "cases.yaml",
        _set(("cases", 0, "situation", 1), "physical_helth"),
        "cases[0].situation[1]",
        "unknown situation category 'physical_helth'",
    ),
    (
        "cases.yaml",
        _set(("cases", 3, "lenses", 0), "gribing"),
        "cases[3].lenses[0]",
        "unknown lens 'gribing'; use one of: gribning,",
    ),
    (
        "cases.yaml",
        _set(("cases", 1, "observations", 2, "lens"), "tags"),
        "cases[1].observations[2].lens",
        "unknown lens 'tags'",
    ),
    (
        "cases.yaml",
        _set(("cases", 0, "learning_points", 0, "category"), "frames"),
        "cases[0].learning_points[0].category",
        "unknown learning category 'frames'",
    ),
    (
        "general.yaml",
        _rename(("reflections", "gribning"), "gribing"),
        "reflections.gribing",
        "unknown lens 'gribing'",
    ),
    (
        "general.yaml",
        _rename(("learning_points", "dilemma"), "dilemmas"),
        "learning_points.dilemmas",
        "unknown learning category 'dilemmas'",
    ),
    (
        "general.yaml",
        _delete(("learning_points", "dilemma")),
        "learning_points",
        "no learning points for dilemma",
    ),
    # missing fields
    ("cases.yaml", _delete(("cases", 2, "struck")), "cases[2].struck", "missing required key"),
    (
        "cases.yaml",
        _delete(("cases", 4, "learning_points", 1, "share")),
        "cases[4].learning_points[1].share",
        "missing required key",
    ),
    ("people.yaml", _delete(("first_names",)), "first_names", "missing required key"),
    ("general.yaml", _delete(("schema_version",)), "schema_version", "missing required key"),
    # wrong types and empty values
    (
        "cases.yaml",
        _set(("cases", 0, "learning_points", 1, "share"), "yes"),
        "cases[0].learning_points[1].share",
        "expected true/false, got a string",
    ),
    (
        "cases.yaml",
        _set(("cases", 0, "reflections"), "one reflection"),
        "cases[0].reflections",
        "expected a list, got a string",
    ),
    ("cases.yaml", _set(("cases", 5, "title"), 12), "cases[5].title", "expected a string"),
    (
        "cases.yaml",
        _set(("cases", 0, "observations", 0), "gribning"),
        "cases[0].observations[0]",
        "expected a mapping, got a string",
    ),
    ("cases.yaml", _set(("cases", 0, "takeaway"), ""), "cases[0].takeaway", "must not be empty"),
    (
        "cases.yaml",
        _set(("cases", 0, "excerpt"), "Hvordan går det?\nB: Fint."),
        "cases[0].excerpt",
        "not a transcript: ",
    ),
    ("cases.yaml", _set(("cases", 0, "lenses"), []), "cases[0].lenses", "at least 1 item"),
    (
        "cases.yaml",
        _set(("cases", 0, "variants", "title"), ["ny titel", None]),
        "cases[0].variants.title[1]",
        "expected a string, got empty",
    ),
    ("people.yaml", _set(("small_team",), ["a", "b"]), "small_team", "expected a string"),
    (
        "people.yaml",
        _set(("organisations", 1, "teams"), {"name": "x"}),
        "organisations[1].teams",
        "expected a list, got a mapping",
    ),
    ("cases.yaml", _set(("cases",), None), "cases", "expected a list, got empty"),
    # a typo in a key never passes silently
    (
        "cases.yaml",
        _rename(("cases", 0, "struck"), "strukc"),
        "cases[0].strukc",
        "unknown key 'strukc'; did you mean 'struck'?",
    ),
    (
        "cases.yaml",
        _rename(("cases", 0, "variants", "title"), "titel"),
        "cases[0].variants.titel",
        "unknown key 'titel'",
    ),
    (
        "people.yaml",
        _set(("schema_version",), 2),
        "schema_version",
        "unsupported schema_version 2; this app reads 1",
    ),
    ("people.yaml", _set(("schema_version",), "1"), "schema_version", "valid integer"),
]


@pytest.mark.parametrize(("file", "edit", "field", "message"), BROKEN)
def test_a_broken_file_names_the_file_and_the_field(
    tmp_path: Path, file: str, edit: Callable, field: str, message: str
) -> None:
    root = broken_copy(tmp_path, file, edit)
    with pytest.raises(DemoContentError) as caught:
        load_content(root)
    err = caught.value
    assert err.file == str(root / file)
    assert err.field == field
    assert message in err.message
    assert str(err).startswith(f"{root / file}: {field}: ")


def test_yaml_problems_name_the_file_and_the_line(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(DATA_DIR, root)
    people = root / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text + "small_team: Endnu et team\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match="duplicate key 'small_team'") as caught:
        load_content(root)
    assert caught.value.file == str(people) and caught.value.line is not None
    people.write_text(text.replace("first_names: [", "first_names: [[", 1), encoding="utf-8")
    with pytest.raises(DemoContentError, match="malformed YAML") as caught:
        load_content(root)
    assert caught.value.file == str(people) and caught.value.field.startswith("line ")
    people.write_text(text, encoding="utf-8")
    (root / "general.yaml").unlink()
    with pytest.raises(DemoContentError, match="cannot read file") as caught:
        load_content(root)
    assert caught.value.file == str(root / "general.yaml")


def test_ids_follow_the_catalogue_not_a_copy(tmp_path: Path) -> None:
    """Drop a situation category the cases use from the catalogue: the demo data is refused."""
    prompts = tmp_path / "prompts"
    shutil.copytree(DEFAULT_DIR, prompts)
    options = prompts / "options.yaml"
    data = yaml.safe_load(options.read_text(encoding="utf-8"))
    data["situation_categories"] = [
        o for o in data["situation_categories"] if o["id"] != "physical_health"
    ]
    options.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    smaller = load_catalogue(prompts)
    with pytest.raises(DemoContentError) as caught:
        load_content(catalogue=smaller)
    assert caught.value.file == str(DATA_DIR / "cases.yaml")
    assert caught.value.field == "cases[0].situation[1]"
    assert "unknown situation category 'physical_health'" in caught.value.message
    assert load_content(catalogue=load_catalogue(DEFAULT_DIR)) == demo_content.content()
