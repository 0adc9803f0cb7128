"""The prompt catalogue: the shipped files are valid, and each kind of mistake an
editor can make is refused with the file and the field named."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lises_reflect.catalogue import (
    DEFAULT_DIR,
    LINK_OUTCOME_IDS,
    PHASE_IDS,
    RESEARCH_OUTCOME_IDS,
    Catalogue,
    EvaluativeTerm,
    Tag,
    Text,
    load_catalogue,
)
from tests.catalogue_files import assert_error, edit, load_error

BARRIERS = [
    "barrier_decision_authority",
    "barrier_predictability",
    "barrier_relational_continuity",
    "barrier_accessibility",
    "barrier_leadership_backing",
    "barrier_available_offers",
    "barrier_citizen_experience",
]
"""Issue 21: the seven barriers staff meet to involving citizens (LISES resultatnotat, 7)."""

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
        "citizen_involvement",
    )
    assert [lens.id for lens in catalogue.lenses if lens.optional] == [
        "moral_dimensions",
        "citizen_involvement",
    ]
    assert [lens.id for lens in catalogue.standard_lenses()] == list(catalogue.lens_ids()[:4])
    for lens in catalogue.lenses:
        assert 3 <= len(lens.questions) <= 5, lens.id
        assert [q.id for q in lens.questions] == [
            f"{lens.id}.q{n}" for n in range(1, len(lens.questions) + 1)
        ]
        assert lens.version
        assert lens.is_research and lens.source.ref.startswith("003_"), lens.id
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
        *BARRIERS,
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
                "origin": "tool",
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


@pytest.mark.parametrize("key", ["version", "optional", "questions"])
def test_lens_missing_required_key(prompts: Path, key: str) -> None:
    file = prompts / "lenses" / "moral_dimensions.yaml"
    edit(file, lambda d: d["lens"].pop(key))
    assert_error(load_error(prompts), file, f"lens.{key}", "missing")


# --- where an item comes from (issue 21) ----------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["lens"].pop("source"), "lens"),
        (lambda d: d["lens"]["questions"][0].pop("source"), "lens.questions[0]"),
        (lambda d: d["lens"].update(origin="tool"), "lens"),
    ],
    ids=["neither", "question without either", "both"],
)
def test_an_item_is_research_or_the_tools_own(prompts: Path, change, field: str) -> None:
    file = prompts / "lenses" / "gribning.yaml"
    edit(file, change)
    assert_error(load_error(prompts), file, field, "either 'source'", "'origin: tool'")


def test_every_section_needs_a_provenance(prompts: Path) -> None:
    for name, section, index in [
        ("tags.yaml", "tags", 2),
        ("tags.yaml", "link_outcomes", 0),
        ("options.yaml", "learning_categories", 1),
        ("phases.yaml", "phases", 3),
        ("process.yaml", "ground_rules", 0),
        ("process.yaml", "sentence_stems", 0),
        ("evaluative.yaml", "evaluative_terms", 4),
    ]:
        copy = prompts.parent / f"p-{section}"
        shutil.copytree(prompts, copy)
        file = copy / name

        def drop(d: dict[str, Any], section: str = section, index: int = index) -> None:
            item = d[section][index]
            item.pop("source", None)
            item.pop("origin", None)
            item.pop("rationale", None)

        edit(file, drop)
        assert_error(load_error(copy), file, f"{section}[{index}]", "either 'source'")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda s: s.update(quote="ord " * 31),
            "lens.source.quote",
            ("at most 30 words", "found 31"),
        ),
        (lambda s: s.update(ref="resultatnotat s. 12"), "lens.source.ref", ("research file",)),
        (lambda s: s.pop("cite"), "lens.source.cite", ("missing",)),
    ],
)
def test_a_source_is_a_quote_with_its_place(prompts: Path, change, field: str, words) -> None:
    file = prompts / "lenses" / "gribning.yaml"
    edit(file, lambda d: change(d["lens"]["source"]))
    assert_error(load_error(prompts), file, field, *words)


def test_the_only_origin_is_the_tool(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][2].update(origin="forskning"))
    assert_error(load_error(prompts), file, "tags[2].origin", "'tool'")


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
        "  - id: more\n    origin: tool\n    text: {da: 'Mere?', en: 'More?'}\n",
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


# --------------------------------------------------------------------------- turn tags

CITIZEN_TAGS = [
    "meaning_making",
    "citizen_concrete_lm",
    "work_talk",
    "initiative",
    "own_abilities",
    "reservation",
]
CASEWORKER_TAGS = [
    "takes_up",
    "brief_ack",
    "postpones",
    "changes_topic",
    "institutional",
    "demand_made_meaningful",
    "names_concrete_job",
    "general_lm",
    "assesses",
    "informs",
    "involves",
    "summarises",
]


def test_tags_load_with_the_exact_ids(catalogue: Catalogue) -> None:
    assert catalogue.tag_ids() == tuple(CITIZEN_TAGS + CASEWORKER_TAGS)
    assert [t.id for t in catalogue.tags_for("citizen")] == CITIZEN_TAGS
    assert [t.id for t in catalogue.tags_for("caseworker")] == CASEWORKER_TAGS
    assert catalogue.tags_for("other") == catalogue.tags
    meaning = catalogue.tag("meaning_making")
    assert isinstance(meaning, Tag)
    assert (meaning.applies_to, meaning.concept) == ("citizen", "gribning")
    institutional = catalogue.tag("institutional")
    assert (institutional.applies_to, institutional.concept) == (
        "caseworker",
        "institutional_turns",
    )
    # Issue 21: the concrete labour-market perspective is the citizen's; the caseworker naming
    # a job is a tag of its own, and the retired id concrete_lm is not offered any more.
    citizen_lm = catalogue.tag("citizen_concrete_lm")
    assert (citizen_lm.applies_to, citizen_lm.concept) == ("citizen", "labour_market_perspective")
    assert citizen_lm.label.da == "Konkret arbejdsmarkedsperspektiv (borgerens)"
    assert "forsigtigt, implicit eller tøvende" in citizen_lm.description.da
    assert citizen_lm.source is not None and citizen_lm.source.ref.endswith(":742-743")
    job = catalogue.tag("names_concrete_job")
    assert (job.applies_to, job.concept) == ("caseworker", "labour_market_perspective")
    assert job.label.da == "Nævner et konkret job" and job.origin == "tool" and job.rationale
    assert "concrete_lm" not in catalogue.tag_ids()
    for kept in ("work_talk", "general_lm"):  # kept as the tool's own, generic tags
        assert catalogue.tag(kept).origin == "tool" and catalogue.tag(kept).rationale


def test_every_tag_and_outcome_has_danish_and_english(catalogue: Catalogue) -> None:
    for item in (*catalogue.tags, *catalogue.link_outcomes):
        for text in (item.label, item.description):
            assert text.da.strip() and text.en.strip(), item.id
            assert text.da != text.en, item.id
    for tag in catalogue.tags:
        assert tag.applies_to in ("caseworker", "citizen", "any")
        assert tag.concept in catalogue.lens_ids()


def test_tag_descriptions_are_one_descriptive_sentence(catalogue: Catalogue) -> None:
    words = ("burde", "godt", "dårlig", "forkert", "should", "good", "bad", "wrong")
    for tag in catalogue.tags:
        for text in (tag.description.da, tag.description.en):
            assert text.endswith("."), tag.id
            assert text.replace("e.g. ", "").count(". ") == 0, tag.id
            assert not any(w in text.lower().split() for w in words), tag.id


def test_link_outcomes(catalogue: Catalogue) -> None:
    assert tuple(o.id for o in catalogue.link_outcomes) == LINK_OUTCOME_IDS
    assert LINK_OUTCOME_IDS == (
        "taken_up",
        "partly_taken_up",
        "postponed",
        "passed_over",
        "overtaken_institutional",
        "unclear",
    )
    assert [o.label.da for o in catalogue.link_outcomes] == [
        "Grebet",
        "Delvist grebet (værktøjets egen kategori)",
        "Udskudt (værktøjets egen kategori)",
        "Overhørt",
        "Overhalet af institutionel tale",
        "Uklart (værktøjets egen kategori)",
    ]
    assert catalogue.outcome("postponed").label.en == "Postponed (the tool's own category)"
    # Issue 21: the research names three outcomes; the other three say they are the tool's.
    assert RESEARCH_OUTCOME_IDS == ("taken_up", "passed_over", "overtaken_institutional")
    for outcome in catalogue.link_outcomes:
        assert outcome.is_research == (outcome.id in RESEARCH_OUTCOME_IDS), outcome.id
    quotes = {o.id: o.source.quote for o in catalogue.link_outcomes if o.source}
    assert "gribes" in quotes["taken_up"] and "overhøres" in quotes["passed_over"]
    assert quotes["overtaken_institutional"].startswith("overhales")


def test_a_tool_outcome_cannot_claim_research_nor_a_research_one_lose_it(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    source = {"cite": "x", "ref": "003_67633d2e67232912.txt:738", "quote": "nogle gange gribes"}

    def claim(d: dict) -> None:
        item = next(o for o in d["link_outcomes"] if o["id"] == "unclear")
        item.pop("origin"), item.pop("rationale")
        item["source"] = source

    edit(file, claim)
    assert_error(load_error(prompts), file, "link_outcomes[5]", "'unclear' needs 'origin: tool'")


def test_tag_and_outcome_lookups_name_unknown_ids(catalogue: Catalogue) -> None:
    with pytest.raises(KeyError, match="meaning_making"):
        catalogue.tag("nope")
    with pytest.raises(KeyError, match="taken_up"):
        catalogue.outcome("nope")
    with pytest.raises(ValueError, match="caseworker"):
        catalogue.tags_for("borger")


def test_evaluative_terms(catalogue: Catalogue) -> None:
    terms = {t.id: t for t in catalogue.evaluative_terms}
    assert all(isinstance(t, EvaluativeTerm) for t in terms.values())
    forms = {form for t in catalogue.evaluative_terms for form in t.forms}
    for form in (
        "burde",
        "skulle have",
        "du skal have",
        "forkert",
        "dårlig*",
        "godt klaret",
        "flot",
        "fejl",
        "mangler",
        "for meget",
        "for lidt",
        "rigtigt",
        "det rigtige",
        "svagt",
        "stærkt",
        "du glemte",
        "du overså",
        "should have",
        "wrong",
        "bad",
        "good job",
        "failed",
        "mistake*",
    ):
        assert form in forms, form
    assert {t.lang for t in catalogue.evaluative_terms} == {"da", "en"}
    for term in catalogue.evaluative_terms:
        assert term.forms, term.id
        for form in term.forms:
            assert form == form.lower().strip() and "  " not in form, term.id
    assert catalogue.evaluative_hint.da.startswith("Det lyder måske vurderende.")
    assert "next turn" in catalogue.evaluative_hint.en


def test_tags_for_any(prompts: Path) -> None:
    edit(prompts / "tags.yaml", lambda d: d["tags"][2].update(applies_to="any"))
    cat = load_catalogue(prompts)
    assert "work_talk" in [t.id for t in cat.tags_for("citizen")]
    assert "work_talk" in [t.id for t in cat.tags_for("caseworker")]
    assert len(cat.tags_for("other")) == len(cat.tags)


# --------------------------------------------------------------------------- broken tags


def test_tag_unknown_applies_to(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][3].update(applies_to="borger"))
    assert_error(
        load_error(prompts), file, "tags[3].applies_to", "unknown applies_to 'borger'", "citizen"
    )


def test_required_tag_must_keep_its_speaker(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][0].update(applies_to="any"))
    assert_error(load_error(prompts), file, "tags[0].applies_to", "'meaning_making'", "citizen")


@pytest.mark.parametrize("tag_id", ["meaning_making", "institutional"])
def test_required_tag_missing(prompts: Path, tag_id: str) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d.update(tags=[t for t in d["tags"] if t["id"] != tag_id]))
    assert_error(load_error(prompts), file, "tags", f"missing tag {tag_id!r}")


def test_tag_unknown_concept(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][5].update(concept="gribnig"))
    assert_error(
        load_error(prompts), file, "tags[5].concept", "unknown concept 'gribnig'", "gribning"
    )


def test_tag_concept_must_name_a_lens_in_the_catalogue(prompts: Path) -> None:
    """A tag's concept is checked after all files are read, whatever their order."""
    (prompts / "lenses" / "moral_dimensions.yaml").unlink()
    (prompts / "tags.yaml").rename(prompts / "0_tags.yaml")  # read before lenses/
    file = prompts / "0_tags.yaml"
    assert "moral_dimensions" not in load_catalogue(prompts).lens_ids()
    edit(file, lambda d: d["tags"][2].update(concept="moral_dimensions"))
    assert_error(load_error(prompts), file, "tags[2].concept", "'moral_dimensions'")


@pytest.mark.parametrize(
    ("key", "lang", "word"),
    [("label", "en", "missing translation"), ("description", "da", "missing translation")],
)
def test_tag_missing_translation(prompts: Path, key: str, lang: str, word: str) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][7][key].pop(lang))
    assert_error(load_error(prompts), file, f"tags[7].{key}.{lang}", word)


def test_tag_empty_translation(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][4]["label"].update(da="  "))
    assert_error(load_error(prompts), file, "tags[4].label.da", "empty translation")


@pytest.mark.parametrize("key", ["description", "applies_to", "concept", "label"])
def test_tag_missing_key(prompts: Path, key: str) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][6].pop(key))
    assert_error(load_error(prompts), file, f"tags[6].{key}", "missing")


def test_tag_unknown_key(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][6].update(speaker="citizen"))
    assert_error(load_error(prompts), file, "tags[6].speaker", "unknown key 'speaker'")


def test_duplicate_tag_id(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][9].update(id="takes_up"))
    err = load_error(prompts)
    assert_error(err, file, "tags[9].id", "duplicate id 'takes_up'")
    assert "tags[6].id" in err.message


def test_tag_id_clashes_with_other_catalogue_ids(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["tags"][1].update(id="follow_up"))
    err = load_error(prompts)
    assert_error(err, file, "tags[1].id", "duplicate id 'follow_up'")
    assert "options.yaml" in err.message


def test_outcome_unknown_id(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["link_outcomes"][2].update(id="delayed"))
    assert_error(load_error(prompts), file, "link_outcomes[2].id", "unknown link outcome 'delayed'")


def test_outcome_missing(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["link_outcomes"].pop(5))
    assert_error(load_error(prompts), file, "link_outcomes", "missing link outcome(s): unclear")


def test_outcome_duplicate(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["link_outcomes"][5].update(id="taken_up"))
    assert_error(load_error(prompts), file, "link_outcomes[5].id", "duplicate id 'taken_up'")


def test_outcome_needs_description_in_both_languages(prompts: Path) -> None:
    file = prompts / "tags.yaml"
    edit(file, lambda d: d["link_outcomes"][0]["description"].pop("en"))
    assert_error(
        load_error(prompts), file, "link_outcomes[0].description.en", "missing translation"
    )
    edit(file, lambda d: d["link_outcomes"][0].pop("description"))
    assert_error(load_error(prompts), file, "link_outcomes[0].description", "missing")


@pytest.mark.parametrize("section", ["tags", "link_outcomes"])
def test_tags_sections_required(prompts: Path, section: str) -> None:
    edit(prompts / "tags.yaml", lambda d: d.pop(section))
    err = load_error(prompts)
    assert (err.file, err.field) == (str(prompts), section)
    assert "missing section" in err.message


# --------------------------------------------------------------------------- broken evaluative


@pytest.mark.parametrize(
    ("pattern", "field", "word"),
    [
        ("", "evaluative_terms[0].pattern", "must not be empty"),
        ("   ", "evaluative_terms[0].pattern", "must not be empty"),
        ([], "evaluative_terms[0].pattern", "list is empty"),
        (["burde", ""], "evaluative_terms[0].pattern[1]", "must not be empty"),
        (None, "evaluative_terms[0].pattern", "expected a string"),
        (7, "evaluative_terms[0].pattern", "expected a string"),
    ],
)
def test_evaluative_empty_pattern(prompts: Path, pattern: Any, field: str, word: str) -> None:
    file = prompts / "evaluative.yaml"
    edit(file, lambda d: d["evaluative_terms"][0].update(pattern=pattern))
    assert_error(load_error(prompts), file, field, word)


@pytest.mark.parametrize(
    ("pattern", "word"),
    [
        ("burde.*", "may only use letters"),
        ("bu*rde", "may only use letters"),
        ("*", "may only use letters"),
        ("(burde)", "may only use letters"),
        ("burde2", "may only use letters"),
        ("fo*", "at least 3 letters"),
        ("du g*", "at least 3 letters"),
    ],
)
def test_evaluative_malformed_pattern(prompts: Path, pattern: str, word: str) -> None:
    file = prompts / "evaluative.yaml"
    edit(file, lambda d: d["evaluative_terms"][1].update(pattern=pattern))
    assert_error(load_error(prompts), file, "evaluative_terms[1].pattern", word)


def test_evaluative_pattern_is_normalised(prompts: Path) -> None:
    edit(
        prompts / "evaluative.yaml",
        lambda d: d["evaluative_terms"][1].update(pattern="  Skulle   HAVE "),
    )
    term = next(t for t in load_catalogue(prompts).evaluative_terms if t.id == "da_skulle_have")
    assert term.forms == ("skulle have",)


def test_evaluative_duplicate_pattern(prompts: Path) -> None:
    file = prompts / "evaluative.yaml"
    edit(file, lambda d: d["evaluative_terms"][1].update(pattern=["skulle have", "Burde"]))
    err = load_error(prompts)
    assert_error(err, file, "evaluative_terms[1].pattern[1]", "duplicate pattern 'burde'")
    assert "evaluative_terms[0].pattern" in err.message


def test_evaluative_unknown_lang_and_key(prompts: Path) -> None:
    file = prompts / "evaluative.yaml"
    edit(file, lambda d: d["evaluative_terms"][2].update(lang="dk"))
    assert_error(load_error(prompts), file, "evaluative_terms[2].lang", "unknown language 'dk'")
    edit(file, lambda d: d["evaluative_terms"][2].update(lang="da", patterns=["x"]))
    assert_error(
        load_error(prompts), file, "evaluative_terms[2].patterns", "did you mean 'pattern'"
    )


def test_evaluative_duplicate_id(prompts: Path) -> None:
    file = prompts / "evaluative.yaml"
    edit(file, lambda d: d["evaluative_terms"][3].update(id="da_burde"))
    assert_error(load_error(prompts), file, "evaluative_terms[3].id", "duplicate id 'da_burde'")


def test_evaluative_hint_needs_both_languages(prompts: Path) -> None:
    file = prompts / "evaluative.yaml"
    edit(file, lambda d: d["evaluative_hint"]["text"].pop("en"))
    assert_error(load_error(prompts), file, "evaluative_hint.text.en", "missing translation")
    edit(file, lambda d: d.pop("evaluative_hint"))
    err = load_error(prompts)
    assert (err.field, "missing section" in err.message) == ("evaluative_hint", True)


@pytest.mark.parametrize(
    "nested",
    [
        "  " + "[" * 5000 + "]" * 5000 + "\n",  # flow style
        "".join("  " * (i + 1) + "- \n" for i in range(5000)),  # block style
        "  x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
    ],
    ids=["flow-sequences", "block-sequences", "flow-mappings"],
)
def test_deeply_nested_yaml_names_file_and_depth_limit(prompts: Path, nested: str) -> None:
    """Issue 14, item 11b: 5,000 levels gave a RecursionError traceback."""
    file = prompts / "process.yaml"
    file.write_text("schema_version: 1\nground_rules:\n" + nested, encoding="utf-8")
    err = load_error(prompts)
    assert err.file == str(file)
    assert err.line is not None and err.field == f"line {err.line}, column {err.field.split()[-1]}"
    assert "nested more than 40 levels" in err.message
    assert "process.yaml" in str(err)


def test_nesting_up_to_the_limit_is_not_a_depth_error(prompts: Path) -> None:
    file = prompts / "process.yaml"
    file.write_text(
        "schema_version: 1\nground_rules:\n  " + "[" * 39 + "]" * 39 + "\n", encoding="utf-8"
    )
    err = load_error(prompts)  # still wrong as a catalogue, but told as such, not as depth
    assert "nested" not in err.message


# --------------------------------------------------------------------------- issue 21 content


def test_the_barriers_are_learning_categories_in_the_research_words(catalogue: Catalogue) -> None:
    headings = [
        "Beslutningsmyndighed",
        "Forudsigelighed",
        "Relationel kontinuitet",
        "Tilgængelighed",
        "Ledelsesopbakning",
        "Tilgængelige tilbud",
        "Borgererfaringer med inddragelse",
    ]
    for category_id, heading in zip(BARRIERS, headings, strict=True):
        category = catalogue.learning_category(category_id)
        assert category.label.da == f"Barriere: {heading}"
        assert category.source is not None and category.source.ref.startswith("003_"), category_id
        assert heading.lower() in category.source.quote.lower(), category_id
        assert category.description is not None


def test_citizen_involvement_lens_asks_from_definition_conditions_and_barriers(
    catalogue: Catalogue,
) -> None:
    lens = catalogue.lens("citizen_involvement")
    assert lens.optional and lens.version == "1.0"
    assert lens.title.da == "Borgerinddragelse"
    assert len(lens.questions) == 5
    assert all(q.is_research for q in lens.questions)
    quotes = " ".join(q.source.quote for q in lens.questions)
    assert "med til at definere, hvilke problemer" in quotes  # the definition
    assert "forhandlinger af mål og indsatser" in quotes  # the condition
    assert "Tilgængelige tilbud" in quotes and "Borgererfaringer" in quotes  # barriers
    assert "ikke frivillig" in lens.description.da and "beslutningsmagt" in lens.description.da


def test_gribning_asks_about_timing_and_says_implicit(catalogue: Catalogue) -> None:
    lens = catalogue.lens("gribning")
    assert lens.version == "1.1"
    assert "forsigtigt, implicit og tøvende" in lens.description.da
    assert "indirekte" not in lens.description.da
    assert "arbejdsmarkedsperspektiv" in lens.description.da
    timing = catalogue.question("gribning.q5")
    assert timing.source is not None and timing.source.ref.endswith(":743-745")
    assert "fornemmelse for timing fra den professionelles side" in timing.source.quote
    assert timing.text.da.startswith("Hvornår")


def test_moral_dimensions_in_the_research_words(catalogue: Catalogue) -> None:
    lens = catalogue.lens("moral_dimensions")
    assert lens.version == "1.1"
    text = lens.description.da
    for word in ("effektivitet", "fairness (lige adgang)", "responsivitet", "respekt"):
        assert word in text, word
    for word in ("retfærdighed", "lydhørhed"):
        assert word not in text.lower(), word
        assert not any(word in q.text.da.lower() for q in lens.questions), word
    assert "en ny bog om moralske dilemmaer i implementeringen af velfærdsservice" in text
    assert "Caswell" not in lens.source.cite and "ny bog" in lens.source.cite
    assert "stille krav" in text  # respect is not narrowed to forms of address
    q2, q4 = catalogue.question("moral_dimensions.q2"), catalogue.question("moral_dimensions.q4")
    assert "får det samme som andre" not in q2.text.da  # no presupposed "everyone the same"
    assert "passer til netop de problemer" in q2.text.da
    assert q4.source is not None and "stille krav til borgeren" in q4.source.quote
    assert "krav" in q4.text.da


def test_three_tasks_are_considerations_and_udredning(catalogue: Catalogue) -> None:
    lens = catalogue.lens("three_tasks")
    assert lens.version == "1.1"
    assert "hensyn" in lens.title.da and "opgave" not in lens.title.da
    assert "udredningen af borgerens behov" in lens.description.da
    assert "opgave" not in lens.description.da and "vurdering" not in lens.description.da
    assert not any("opgave" in q.text.da for q in lens.questions)
