"""The prompt catalogue: the shipped files are valid, and each kind of mistake an
editor can make is refused with the file and the field named."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from lises_reflect.catalogue import (
    DEFAULT_DIR,
    PHASE_IDS,
    Catalogue,
    CatalogueError,
    Text,
    load_catalogue,
)

# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    """A private copy of the shipped catalogue to break."""
    target = tmp_path / "prompts"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Load a YAML file, let `change` mutate it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load_error(directory: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(directory)
    return info.value


def assert_error(err: CatalogueError, file: Path, field: str, *words: str) -> None:
    assert err.file == str(file)
    assert err.field == field
    assert str(err) == f"{file}: {field}: {err.message}"
    assert file.name in str(err)
    for word in words:
        assert word in err.message


def texts(value: Any, path: str = "catalogue") -> Iterator[tuple[str, Text]]:
    """Every Text inside the catalogue, with a readable path for failure messages."""
    if isinstance(value, Text):
        yield path, value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from texts(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


# --------------------------------------------------------------------------- shipped catalogue


def test_shipped_catalogue_loads_deterministically(catalogue: Catalogue) -> None:
    assert load_catalogue(DEFAULT_DIR) == catalogue
    assert load_catalogue(str(DEFAULT_DIR)) == catalogue


def test_phases_are_the_eight_fixed_steps_in_order(catalogue: Catalogue) -> None:
    assert catalogue.phase_ids() == (
        "forberedelse",
        "rammesaetning",
        "kontekst",
        "beskrivende",
        "reflekterende",
        "bringerens_svar",
        "faelles_laering",
        "afslutning",
    )
    assert catalogue.phase_ids() == PHASE_IDS
    assert [p.number for p in catalogue.phases] == list(range(1, 9))
    assert catalogue.phase("kontekst").title.da == "Kontekst og ønske"
    assert catalogue.phase("rammesaetning").title.da == "Rammesætning"
    assert catalogue.phase("faelles_laering").number == 7


def test_lenses(catalogue: Catalogue) -> None:
    assert catalogue.lens_ids() == (
        "gribning",
        "institutional_turns",
        "labour_market_perspective",
        "three_tasks",
        "moral_dimensions",
    )
    assert [lens.id for lens in catalogue.lenses if lens.optional] == ["moral_dimensions"]
    assert [lens.id for lens in catalogue.standard_lenses()] == list(catalogue.lens_ids()[:4])
    for lens in catalogue.lenses:
        assert 3 <= len(lens.questions) <= 5, lens.id
        assert [q.id for q in lens.questions] == [
            f"{lens.id}.q{n}" for n in range(1, len(lens.questions) + 1)
        ]
        assert lens.version
        assert "LISES" in lens.source.da and "LISES" in lens.source.en
    assert "hvad sker der så?" in catalogue.lens("gribning").description.da.lower()
    assert catalogue.question("gribning.q3").text.da.startswith("Hvad sker der så?")


def test_process_texts(catalogue: Catalogue) -> None:
    assert [r.id for r in catalogue.ground_rules] == [
        "talk_not_person",
        "describe_first",
        "stays_here",
        "consent",
    ]
    assert catalogue.opening_question.da == "Hvad vil du gerne låne vores ører til?"
    assert catalogue.observation_stems and catalogue.reflection_stems
    assert not set(catalogue.observation_stems) & set(catalogue.reflection_stems)
    assert catalogue.closing_questions


def test_options(catalogue: Catalogue) -> None:
    assert [o.id for o in catalogue.conversation_kinds] == [
        "first_meeting",
        "follow_up",
        "internship_follow_up",
        "rehab_preparation",
        "other",
    ]
    assert [o.id for o in catalogue.situation_categories] == [
        "activity_ready",
        "job_ready",
        "resource_programme",
        "physical_health",
        "mental_health",
        "substance_use",
        "housing_or_finances",
        "family_situation",
        "language",
        "long_term_unemployment",
    ]
    assert [o.id for o in catalogue.learning_categories] == [
        "frames_demands",
        "practice_pattern",
        "dilemma",
        "research_question",
    ]
    assert catalogue.learning_category("frames_demands").label.da == "Rammer/krav"
    assert catalogue.situation_category("activity_ready").label.get("da") == "Aktivitetsparat"


def test_every_text_has_danish_and_english(catalogue: Catalogue) -> None:
    found = list(texts(catalogue))
    assert len(found) >= 90  # the walk really reaches into lenses and options
    for path, text in found:
        assert text.da.strip() and text.en.strip(), path
        assert "\n" not in text.da and "\n" not in text.en, path
        assert "  " not in text.da and "  " not in text.en, path


def test_text_get_falls_back_to_danish() -> None:
    text = Text(da="hej", en="hello")
    assert text.get("da") == "hej"
    assert text.get("en") == "hello"
    assert text.get("de") == "hej"
    assert Text(da="hej", en="").get("en") == "hej"


def test_lookups_name_unknown_ids(catalogue: Catalogue) -> None:
    with pytest.raises(KeyError, match="forberedelse"):
        catalogue.phase("nope")
    with pytest.raises(KeyError, match="gribning"):
        catalogue.lens("nope")
    with pytest.raises(KeyError):
        catalogue.conversation_kind("nope")
    with pytest.raises(KeyError):
        catalogue.question("gribning.q9")


# --------------------------------------------------------------------------- failures


def test_copy_of_catalogue_loads(prompts: Path, catalogue: Catalogue) -> None:
    """Guard for the tests below: they fail because of the break, not the copy."""
    assert load_catalogue(prompts) == catalogue


def test_malformed_yaml_names_file_and_line(prompts: Path) -> None:
    file = prompts / "process.yaml"
    file.write_text("schema_version: 1\nground_rules:\n  - id: x\n   label: [\n", encoding="utf-8")
    err = load_error(prompts)
    assert err.file == str(file)
    assert err.line == 4
    assert err.field.startswith("line 4, column ")
    assert "malformed YAML" in str(err) and "process.yaml" in str(err)


def test_duplicate_yaml_key_is_malformed(prompts: Path) -> None:
    file = prompts / "options.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text.replace("      da: Jobparat\n", "      da: Jobparat\n      da: Job\n"),
        "utf-8",
    )
    err = load_error(prompts)
    assert err.file == str(file)
    assert "duplicate key 'da'" in err.message
    assert err.line is not None


def test_empty_file(prompts: Path) -> None:
    file = prompts / "extra.yaml"
    file.write_text("# nothing yet\n", encoding="utf-8")
    assert_error(load_error(prompts), file, "(top level)", "empty")


@pytest.mark.parametrize("broken", [None, "", "   "])
def test_missing_or_empty_translation(prompts: Path, broken: str | None) -> None:
    file = prompts / "lenses" / "gribning.yaml"

    def change(data: dict[str, Any]) -> None:
        if broken is None:
            del data["lens"]["questions"][1]["text"]["en"]
        else:
            data["lens"]["questions"][1]["text"]["en"] = broken

    edit(file, change)
    word = "missing translation" if broken is None else "empty translation"
    assert_error(load_error(prompts), file, "lens.questions[1].text.en", word)


def test_missing_danish_in_phase(prompts: Path) -> None:
    file = prompts / "phases.yaml"
    edit(file, lambda d: d["phases"][2]["instruction"].pop("da"))
    assert_error(load_error(prompts), file, "phases[2].instruction.da", "missing translation")


def test_missing_option_description_translation(prompts: Path) -> None:
    file = prompts / "options.yaml"
    edit(file, lambda d: d["learning_categories"][3]["description"].pop("en"))
    assert_error(
        load_error(prompts),
        file,
        "learning_categories[3].description.en",
        "translation",
    )


def test_duplicate_id_in_one_file(prompts: Path) -> None:
    file = prompts / "options.yaml"
    edit(file, lambda d: d["conversation_kinds"][4].update(id="follow_up"))
    err = load_error(prompts)
    assert_error(err, file, "conversation_kinds[4].id", "duplicate id 'follow_up'")
    assert "conversation_kinds[1].id" in err.message


def test_duplicate_id_across_files(prompts: Path) -> None:
    shutil.copy(prompts / "lenses" / "gribning.yaml", prompts / "lenses" / "gribning_copy.yaml")
    err = load_error(prompts)
    assert_error(
        err,
        prompts / "lenses" / "gribning_copy.yaml",
        "lens.id",
        "duplicate id 'gribning'",
    )
    assert "gribning.yaml" in err.message


def test_duplicate_id_across_kinds(prompts: Path) -> None:
    file = prompts / "options.yaml"
    edit(file, lambda d: d["learning_categories"][0].update(id="gribning"))
    assert_error(
        load_error(prompts),
        file,
        "learning_categories[0].id",
        "duplicate id 'gribning'",
    )


@pytest.mark.parametrize("bad", ["Follow_up", "follow up", "følg_op", ""])
def test_malformed_id(prompts: Path, bad: str) -> None:
    file = prompts / "options.yaml"
    edit(file, lambda d: d["conversation_kinds"][1].update(id=bad))
    assert_error(load_error(prompts), file, "conversation_kinds[1].id")


def test_unknown_phase_on_stem(prompts: Path) -> None:
    file = prompts / "process.yaml"
    edit(file, lambda d: d["sentence_stems"][2].update(phase="beskrivnde"))
    assert_error(
        load_error(prompts),
        file,
        "sentence_stems[2].phase",
        "unknown phase 'beskrivnde'",
    )


def test_stem_in_phase_without_stems(prompts: Path) -> None:
    file = prompts / "process.yaml"
    edit(file, lambda d: d["sentence_stems"][0].update(phase="afslutning"))
    assert_error(load_error(prompts), file, "sentence_stems[0].phase", "not allowed")


def test_unknown_phase_in_phase_list(prompts: Path) -> None:
    file = prompts / "phases.yaml"
    edit(file, lambda d: d["phases"][5].update(id="bringers_svar"))
    assert_error(load_error(prompts), file, "phases[5].id", "unknown phase 'bringers_svar'")


def test_phases_out_of_order(prompts: Path) -> None:
    file = prompts / "phases.yaml"

    def swap(data: dict[str, Any]) -> None:
        phases = data["phases"]
        phases[3], phases[4] = phases[4], phases[3]

    edit(file, swap)
    assert_error(load_error(prompts), file, "phases[3].id", "expected phase 'beskrivende'")


def test_phase_missing(prompts: Path) -> None:
    file = prompts / "phases.yaml"
    edit(file, lambda d: d["phases"].pop())
    assert_error(load_error(prompts), file, "phases", "missing: afslutning")


def test_phase_number_wrong(prompts: Path) -> None:
    file = prompts / "phases.yaml"
    edit(file, lambda d: d["phases"][1].update(number=3))
    assert_error(load_error(prompts), file, "phases[1].number", "expected 2")


@pytest.mark.parametrize("count", [0, 2, 6])
def test_wrong_number_of_questions(prompts: Path, count: int) -> None:
    file = prompts / "lenses" / "three_tasks.yaml"

    def change(data: dict[str, Any]) -> None:
        questions = data["lens"]["questions"]
        extra = [
            {
                "id": f"three_tasks.x{n}",
                "text": {"da": "Hvad sker der?", "en": "What happens?"},
            }
            for n in range(count)
        ]
        data["lens"]["questions"] = (questions + extra)[:count]

    edit(file, change)
    assert_error(load_error(prompts), file, "lens.questions", "3–5 questions", f"found {count}")


def test_question_id_must_carry_lens_prefix(prompts: Path) -> None:
    file = prompts / "lenses" / "gribning.yaml"
    edit(file, lambda d: d["lens"]["questions"][0].update(id="q1"))
    assert_error(load_error(prompts), file, "lens.questions[0].id", "gribning.")


def test_unknown_top_level_key(prompts: Path) -> None:
    file = prompts / "options.yaml"
    edit(file, lambda d: d.update(learning_categorys=d.pop("learning_categories")))
    assert_error(
        load_error(prompts),
        file,
        "learning_categorys",
        "unknown key",
        "did you mean 'learning_categories'",
    )


def test_unknown_nested_key(prompts: Path) -> None:
    file = prompts / "lenses" / "labour_market_perspective.yaml"
    edit(file, lambda d: d["lens"]["questions"][2].update(hint={"da": "x", "en": "x"}))
    assert_error(load_error(prompts), file, "lens.questions[2].hint", "unknown key 'hint'")


def test_unknown_language(prompts: Path) -> None:
    file = prompts / "process.yaml"
    edit(file, lambda d: d["opening_question"]["text"].update(de="Wofür?"))
    assert_error(load_error(prompts), file, "opening_question.text.de", "unknown language")


@pytest.mark.parametrize("key", ["version", "source", "optional", "questions"])
def test_lens_missing_required_key(prompts: Path, key: str) -> None:
    file = prompts / "lenses" / "moral_dimensions.yaml"
    edit(file, lambda d: d["lens"].pop(key))
    assert_error(load_error(prompts), file, f"lens.{key}", "missing")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("version", 1.0, ("expected a string", "quotes")),
        ("optional", "ja", ("true or false",)),
        ("order", "first", ("whole number",)),
        ("title", "Gribning", ("'da' and 'en'",)),
        ("questions", "gribning.q1", ("expected a list",)),
    ],
)
def test_wrong_types(prompts: Path, key: str, value: Any, words: tuple[str, ...]) -> None:
    file = prompts / "lenses" / "gribning.yaml"
    edit(file, lambda d: d["lens"].update({key: value}))
    assert_error(load_error(prompts), file, f"lens.{key}", *words)


def test_section_must_be_a_list(prompts: Path) -> None:
    file = prompts / "process.yaml"
    edit(file, lambda d: d.update(closing_questions={"id": "x"}))
    assert_error(load_error(prompts), file, "closing_questions", "expected a list")


def test_missing_section(prompts: Path) -> None:
    edit(prompts / "process.yaml", lambda d: d.pop("closing_questions"))
    err = load_error(prompts)
    assert err.file == str(prompts)
    assert err.field == "closing_questions"
    assert "missing section" in err.message


def test_section_in_two_files(prompts: Path) -> None:
    file = prompts / "zz_more.yaml"
    file.write_text(
        "schema_version: 1\nclosing_questions:\n"
        "  - id: more\n    text: {da: 'Mere?', en: 'More?'}\n",
        encoding="utf-8",
    )
    assert_error(
        load_error(prompts),
        file,
        "closing_questions",
        "already defined",
        "process.yaml",
    )


def test_schema_version_required_and_checked(prompts: Path) -> None:
    file = prompts / "options.yaml"
    edit(file, lambda d: d.update(schema_version=2))
    assert_error(load_error(prompts), file, "schema_version", "unsupported")
    edit(file, lambda d: d.pop("schema_version"))
    assert_error(load_error(prompts), file, "schema_version", "missing")


def test_missing_directory(tmp_path: Path) -> None:
    err = load_error(tmp_path / "nope")
    assert err.file == str(tmp_path / "nope")
    assert "not found" in err.message
