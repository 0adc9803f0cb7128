"""The research prompt catalogue: loads and validates prompts/*.yaml.

The wording of phases, lenses and questions belongs to researchers and caseworkers,
so it lives in YAML files they can edit. This module turns those files into frozen
dataclasses and refuses, loudly and precisely, anything that would show a user a
half-translated or mistyped catalogue. Schema: see prompts/README.md.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

import yaml

__all__ = [
    "DEFAULT_DIR",
    "LANGUAGES",
    "LINK_OUTCOME_IDS",
    "PHASE_IDS",
    "REQUIRED_TAGS",
    "SCHEMA_VERSION",
    "SPEAKERS",
    "STEM_PHASES",
    "TAG_APPLIES_TO",
    "Catalogue",
    "CatalogueError",
    "EvaluativeTerm",
    "Lens",
    "Option",
    "Outcome",
    "Phase",
    "Question",
    "Tag",
    "Text",
    "catalogue",
    "load_catalogue",
    "read_yaml",
]

DEFAULT_DIR: Path = Path(__file__).resolve().parent.parent / "prompts"
"""The shipped catalogue: <repo>/prompts."""

SCHEMA_VERSION = 1
LANGUAGES: tuple[str, ...] = ("da", "en")

PHASE_IDS: tuple[str, ...] = (
    "forberedelse",
    "rammesaetning",
    "kontekst",
    "beskrivende",
    "reflekterende",
    "bringerens_svar",
    "faelles_laering",
    "afslutning",
)
"""The eight steps in order; the app's flow is built on exactly these ids."""

STEM_PHASES: tuple[str, ...] = ("beskrivende", "reflekterende")
"""Phases that offer sentence stems: observations, then reflections."""

TAG_APPLIES_TO: tuple[str, ...] = ("caseworker", "citizen", "any")
"""Who a turn tag is for; "any" offers it for both speakers."""

SPEAKERS: tuple[str, ...] = ("caseworker", "citizen", "other")
"""Speakers `Catalogue.tags_for` accepts; "other" (or unknown who) gets every tag."""

REQUIRED_TAGS: dict[str, str] = {"meaning_making": "citizen", "institutional": "caseworker"}
"""Tag ids the app's code relies on (gribning links, share of institutional turns)."""

LINK_OUTCOME_IDS: tuple[str, ...] = (
    "taken_up",
    "partly_taken_up",
    "postponed",
    "passed_over",
    "overtaken_institutional",
    "unclear",
)
"""What happens after a meaning-making utterance; a fixed set, stored by id."""

_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")

_FORM_PATTERN = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*(?:\*)?")
"""An evaluative form: letters, words joined by one space, '-' or an apostrophe,
optionally one trailing '*' (wildcard for further letters)."""

MIN_WILDCARD_STEM = 3

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Text:
    """A user-visible text in Danish and English; Danish is the working language."""

    da: str
    en: str

    def get(self, lang: str) -> str:
        """Text in `lang` ("da" or "en"); anything else, or a blank English text, gives Danish."""
        if lang == "en" and self.en:
            return self.en
        return self.da


@dataclass(frozen=True)
class Option:
    """One choice in a list (conversation kind, situation category, ground rule, ...)."""

    id: str
    label: Text
    description: Text | None = None


@dataclass(frozen=True)
class Phase:
    """One step of a session; `number` is its 1-based position."""

    id: str
    number: int
    title: Text
    instruction: Text


@dataclass(frozen=True)
class Question:
    """An open, descriptive question a lens asks of the transcript."""

    id: str
    text: Text


@dataclass(frozen=True)
class Lens:
    """A research concept to listen with; `version` and `source` keep findings traceable."""

    id: str
    title: Text
    description: Text
    questions: tuple[Question, ...]
    version: str
    source: Text
    optional: bool


@dataclass(frozen=True)
class Tag:
    """A descriptive label for a turn in a transcript; never a grade."""

    id: str
    label: Text
    description: Text
    applies_to: str
    """"caseworker", "citizen" or "any"."""
    concept: str
    """The id of the lens the tag comes from (e.g. "gribning")."""


@dataclass(frozen=True)
class Outcome:
    """What happens after a citizen's meaning-making utterance (a gribning link)."""

    id: str
    label: Text
    description: Text


@dataclass(frozen=True)
class EvaluativeTerm:
    """Wording that may sound evaluative; see lises_reflect.hints for the matching.

    `forms` are lowercase, with single spaces between the words of a phrase; a form
    ending in "*" matches any further letters ("dårlig*" finds "dårligere").
    """

    id: str
    forms: tuple[str, ...]
    lang: str


@dataclass(frozen=True)
class Catalogue:
    """Everything a session shows the group, validated and in display order."""

    phases: tuple[Phase, ...]
    lenses: tuple[Lens, ...]
    ground_rules: tuple[Option, ...]
    opening_question: Text
    observation_stems: tuple[Text, ...]
    reflection_stems: tuple[Text, ...]
    closing_questions: tuple[Text, ...]
    conversation_kinds: tuple[Option, ...]
    situation_categories: tuple[Option, ...]
    learning_categories: tuple[Option, ...]
    tags: tuple[Tag, ...]
    link_outcomes: tuple[Outcome, ...]
    evaluative_terms: tuple[EvaluativeTerm, ...]
    evaluative_hint: Text

    def phase(self, phase_id: str) -> Phase:
        """The phase with this id; KeyError names the known ids."""
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(f"unknown phase {phase_id!r}; known: {', '.join(self.phase_ids())}")

    def phase_ids(self) -> tuple[str, ...]:
        """Phase ids in session order."""
        return tuple(phase.id for phase in self.phases)

    def lens(self, lens_id: str) -> Lens:
        """The lens with this id; KeyError names the known ids."""
        for lens in self.lenses:
            if lens.id == lens_id:
                return lens
        raise KeyError(f"unknown lens {lens_id!r}; known: {', '.join(self.lens_ids())}")

    def lens_ids(self) -> tuple[str, ...]:
        """Lens ids in display order."""
        return tuple(lens.id for lens in self.lenses)

    def standard_lenses(self) -> tuple[Lens, ...]:
        """Lenses that are not optional: the default selection in preparation."""
        return tuple(lens for lens in self.lenses if not lens.optional)

    def question(self, question_id: str) -> Question:
        """A lens question by its id (e.g. "gribning.q2"), to render stored observations."""
        for lens in self.lenses:
            for question in lens.questions:
                if question.id == question_id:
                    return question
        raise KeyError(f"unknown lens question {question_id!r}")

    def ground_rule(self, option_id: str) -> Option:
        return _find_option(self.ground_rules, option_id, "ground rule")

    def conversation_kind(self, option_id: str) -> Option:
        return _find_option(self.conversation_kinds, option_id, "conversation kind")

    def situation_category(self, option_id: str) -> Option:
        return _find_option(self.situation_categories, option_id, "situation category")

    def learning_category(self, option_id: str) -> Option:
        return _find_option(self.learning_categories, option_id, "learning category")

    def tag(self, tag_id: str) -> Tag:
        """The turn tag with this id; KeyError names the known ids."""
        for tag in self.tags:
            if tag.id == tag_id:
                return tag
        raise KeyError(f"unknown tag {tag_id!r}; known: {', '.join(self.tag_ids())}")

    def tag_ids(self) -> tuple[str, ...]:
        """Tag ids in catalogue order."""
        return tuple(tag.id for tag in self.tags)

    def tags_for(self, speaker: str) -> tuple[Tag, ...]:
        """Tags to offer for a turn by `speaker` ("caseworker", "citizen" or "other").

        A speaker's own tags plus those that apply to "any"; for "other" (an interpreter,
        a relative, an unknown speaker) every tag, in catalogue order.
        """
        if speaker not in SPEAKERS:
            raise ValueError(f"unknown speaker {speaker!r}; use one of: {', '.join(SPEAKERS)}")
        if speaker == "other":
            return self.tags
        return tuple(tag for tag in self.tags if tag.applies_to in (speaker, "any"))

    def outcome(self, outcome_id: str) -> Outcome:
        """The gribning-link outcome with this id; KeyError names the known ids."""
        for outcome in self.link_outcomes:
            if outcome.id == outcome_id:
                return outcome
        known = ", ".join(outcome.id for outcome in self.link_outcomes)
        raise KeyError(f"unknown link outcome {outcome_id!r}; known: {known}")


def _find_option(options: tuple[Option, ...], option_id: str, kind: str) -> Option:
    for option in options:
        if option.id == option_id:
            return option
    known = ", ".join(option.id for option in options)
    raise KeyError(f"unknown {kind} {option_id!r}; known: {known}")


class CatalogueError(Exception):
    """A catalogue file is wrong; says which file and which field so an editor can fix it."""

    def __init__(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.field = field
        self.message = message
        self.line = line
        super().__init__(f"{file}: {field}: {message}")


# --------------------------------------------------------------------------- YAML


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys, which PyYAML silently overwrites."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
        except TypeError:  # unhashable key: let construct_mapping report it
            continue
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# No catalogue needs more than a handful of levels; PyYAML builds nested values recursively, so
# a file nested thousands of levels deep would end in a RecursionError instead of a message.
MAX_YAML_DEPTH = 40


def _check_depth(source: str, file: str, error: type[CatalogueError]) -> None:
    """Refuse a file nested deeper than MAX_YAML_DEPTH, before anything is built from it.

    PyYAML's event parser is not recursive, so this walk is safe at any depth."""
    depth = 0
    for event in yaml.parse(source, Loader=_StrictLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                mark = event.start_mark
                line = mark.line + 1
                raise error(
                    file,
                    f"line {line}, column {mark.column + 1}",
                    f"nested more than {MAX_YAML_DEPTH} levels deep; a catalogue needs only a "
                    "few levels (a section, its items, their fields)",
                    line=line,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def read_yaml(path: Path, file: str, error: type[CatalogueError] = CatalogueError) -> Any:
    """Parse one YAML file strictly (no duplicate keys); a syntax error reports file, line and
    column. `error` is the exception class to raise (the demo data raises its own subclass)."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(file, "(file)", f"cannot read file: {exc}") from exc
    try:
        _check_depth(source, file, error)
        # A SafeLoader subclass: as safe as yaml.safe_load, plus duplicate-key checks.
        return yaml.load(source, Loader=_StrictLoader)
    except RecursionError as exc:  # a last resort; _check_depth should make it unreachable
        raise error(
            file, "(yaml)", f"nested too deeply (more than {MAX_YAML_DEPTH} levels)"
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        detail = f"{problem} ({context})" if context else problem
        if mark is None:
            raise error(file, "(yaml)", f"malformed YAML: {detail}") from exc
        line = mark.line + 1
        where = f"line {line}, column {mark.column + 1}"
        raise error(file, where, f"malformed YAML: {detail}", line=line) from exc


# --------------------------------------------------------------------------- validation

_LIST_SECTIONS = (
    "phases",
    "ground_rules",
    "sentence_stems",
    "closing_questions",
    "conversation_kinds",
    "situation_categories",
    "learning_categories",
    "lenses",
    "tags",
    "link_outcomes",
    "evaluative_terms",
)
_TOP_LEVEL_KEYS = (
    "schema_version",
    *_LIST_SECTIONS,
    "opening_question",
    "evaluative_hint",
    "lens",
)
_REQUIRED_SECTIONS = tuple(s for s in _TOP_LEVEL_KEYS if s not in ("schema_version", "lens"))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a whole number",
        float: "a decimal number",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


class _FileValidator:
    """Validates one parsed file; `ids` is shared so duplicates are caught across files."""

    def __init__(
        self,
        file: str,
        ids: dict[str, str],
        concepts: list[tuple[str, str, str]] | None = None,
    ) -> None:
        self.file = file
        self.ids = ids
        # (file, field, concept) of every tag: checked against the lens ids once all
        # files are read, since lenses may live in files loaded later.
        self.concepts: list[tuple[str, str, str]] = concepts if concepts is not None else []

    def fail(self, field: str, message: str) -> NoReturn:
        raise CatalogueError(self.file, field, message)

    def mapping(
        self,
        value: Any,
        field: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """A mapping with exactly these keys: a typo must not pass silently."""
        if not isinstance(value, dict):
            self.fail(field or "(top level)", f"expected a mapping, got {_type_name(value)}")
        allowed = required + optional
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                extra = (
                    f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
                )
                self.fail(_join(field, str(key)), f"unknown key {key!r}{extra}")
        for key in required:
            if key not in value:
                self.fail(_join(field, key), "missing required key")
        return value

    def items(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(field, f"expected a list, got {_type_name(value)}")
        if not value:
            self.fail(field, "list is empty")
        return value

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            hint = ' (put it in quotes, e.g. "1.0")' if isinstance(value, int | float) else ""
            self.fail(field, f"expected a string, got {_type_name(value)}{hint}")
        if not value.strip():
            self.fail(field, "must not be empty")
        return value.strip()

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            self.fail(field, f"expected true or false, got {_type_name(value)}")
        return value

    def integer(self, value: Any, field: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"expected a whole number, got {_type_name(value)}")
        return value

    def text(self, value: Any, field: str) -> Text:
        """Both translations, non-empty: a half-translated screen is a bug."""
        if not isinstance(value, dict):
            self.fail(field, f"expected a mapping with 'da' and 'en', got {_type_name(value)}")
        for key in value:
            if key not in LANGUAGES:
                self.fail(
                    _join(field, str(key)),
                    f"unknown language {key!r}; use 'da' and 'en'",
                )
        for lang in LANGUAGES:
            if lang not in value:
                self.fail(_join(field, lang), f"missing translation ({lang})")
            if value[lang] is None or (isinstance(value[lang], str) and not value[lang].strip()):
                self.fail(_join(field, lang), f"empty translation ({lang})")
        return Text(
            da=self.string(value["da"], f"{field}.da"),
            en=self.string(value["en"], f"{field}.en"),
        )

    def ident(self, value: Any, field: str) -> str:
        """An id, unique across the whole catalogue so stored references are unambiguous."""
        ident = self.string(value, field)
        if not _ID_PATTERN.fullmatch(value):
            self.fail(field, f"id {value!r} may only use a-z, 0-9, '_' and '.'")
        if ident in self.ids:
            self.fail(field, f"duplicate id {ident!r} (already used at {self.ids[ident]})")
        self.ids[ident] = f"{self.file}: {field}"
        return ident

    def phase_ref(self, value: Any, field: str, allowed: tuple[str, ...]) -> str:
        phase_id = self.string(value, field)
        if phase_id not in PHASE_IDS:
            self.fail(field, f"unknown phase {phase_id!r}; known: {', '.join(PHASE_IDS)}")
        if phase_id not in allowed:
            self.fail(
                field,
                f"phase {phase_id!r} not allowed here; use one of: {', '.join(allowed)}",
            )
        return phase_id

    # -- sections

    def phases(self, value: Any, field: str) -> tuple[Phase, ...]:
        """Exactly the eight fixed phases, in order, numbered 1..8."""
        phases = []
        for index, raw in enumerate(self.items(value, field)):
            path = f"{field}[{index}]"
            item = self.mapping(raw, path, ("id", "number", "title", "instruction"))
            phase_id = self.string(item["id"], f"{path}.id")
            if phase_id not in PHASE_IDS:
                self.fail(
                    f"{path}.id",
                    f"unknown phase {phase_id!r}; known: {', '.join(PHASE_IDS)}",
                )
            if index >= len(PHASE_IDS) or phase_id != PHASE_IDS[index]:
                expected = PHASE_IDS[index] if index < len(PHASE_IDS) else "nothing"
                self.fail(
                    f"{path}.id",
                    f"expected phase {expected!r} at position {index + 1}, found {phase_id!r}",
                )
            self.ident(phase_id, f"{path}.id")
            number = self.integer(item["number"], f"{path}.number")
            if number != index + 1:
                self.fail(f"{path}.number", f"expected {index + 1}, found {number}")
            phases.append(
                Phase(
                    id=phase_id,
                    number=number,
                    title=self.text(item["title"], f"{path}.title"),
                    instruction=self.text(item["instruction"], f"{path}.instruction"),
                )
            )
        if len(phases) != len(PHASE_IDS):
            missing = ", ".join(PHASE_IDS[len(phases) :])
            self.fail(
                field,
                f"expected {len(PHASE_IDS)} phases, found {len(phases)}; missing: {missing}",
            )
        return tuple(phases)

    def options(self, value: Any, field: str) -> tuple[Option, ...]:
        options = []
        for index, raw in enumerate(self.items(value, field)):
            path = f"{field}[{index}]"
            item = self.mapping(raw, path, ("id", "label"), ("description",))
            description = item.get("description")
            options.append(
                Option(
                    id=self.ident(item["id"], f"{path}.id"),
                    label=self.text(item["label"], f"{path}.label"),
                    description=None
                    if description is None
                    else self.text(description, f"{path}.description"),
                )
            )
        return tuple(options)

    def prompt(self, value: Any, field: str) -> Text:
        item = self.mapping(value, field, ("id", "text"))
        self.ident(item["id"], f"{field}.id")
        return self.text(item["text"], f"{field}.text")

    def prompts(self, value: Any, field: str) -> tuple[Text, ...]:
        return tuple(
            self.prompt(raw, f"{field}[{i}]") for i, raw in enumerate(self.items(value, field))
        )

    def stems(self, value: Any, field: str) -> tuple[tuple[str, Text], ...]:
        """Sentence stems, each tagged with the phase (beskrivende/reflekterende) it serves."""
        stems = []
        for index, raw in enumerate(self.items(value, field)):
            path = f"{field}[{index}]"
            item = self.mapping(raw, path, ("id", "phase", "text"))
            self.ident(item["id"], f"{path}.id")
            phase_id = self.phase_ref(item["phase"], f"{path}.phase", STEM_PHASES)
            stems.append((phase_id, self.text(item["text"], f"{path}.text")))
        for phase_id in STEM_PHASES:
            if not any(p == phase_id for p, _ in stems):
                self.fail(field, f"no sentence stems for phase {phase_id!r}")
        return tuple(stems)

    def choice(self, value: Any, field: str, allowed: tuple[str, ...], what: str) -> str:
        choice = self.string(value, field)
        if choice not in allowed:
            self.fail(field, f"unknown {what} {choice!r}; use one of: {', '.join(allowed)}")
        return choice

    def tags(self, value: Any, field: str) -> tuple[Tag, ...]:
        """Turn tags; `concept` is checked against the lens ids after loading."""
        tags = []
        for index, raw in enumerate(self.items(value, field)):
            path = f"{field}[{index}]"
            item = self.mapping(raw, path, ("id", "label", "description", "applies_to", "concept"))
            tag_id = self.ident(item["id"], f"{path}.id")
            label = self.text(item["label"], f"{path}.label")
            description = self.text(item["description"], f"{path}.description")
            applies_to = self.choice(
                item["applies_to"], f"{path}.applies_to", TAG_APPLIES_TO, "applies_to"
            )
            required = REQUIRED_TAGS.get(tag_id)
            if required is not None and applies_to != required:
                self.fail(
                    f"{path}.applies_to",
                    f"tag {tag_id!r} must apply to {required!r}; the app relies on it",
                )
            concept = self.string(item["concept"], f"{path}.concept")
            self.concepts.append((self.file, f"{path}.concept", concept))
            tags.append(Tag(tag_id, label, description, applies_to, concept))
        present = {tag.id for tag in tags}
        for tag_id, speaker in REQUIRED_TAGS.items():
            if tag_id not in present:
                self.fail(
                    field,
                    f"missing tag {tag_id!r} (applies_to: {speaker}); the app relies on it",
                )
        return tuple(tags)

    def outcomes(self, value: Any, field: str) -> tuple[Outcome, ...]:
        """Exactly the fixed gribning-link outcomes, in any order."""
        outcomes = []
        for index, raw in enumerate(self.items(value, field)):
            path = f"{field}[{index}]"
            item = self.mapping(raw, path, ("id", "label", "description"))
            outcome_id = self.string(item["id"], f"{path}.id")
            if outcome_id not in LINK_OUTCOME_IDS:
                self.fail(
                    f"{path}.id",
                    f"unknown link outcome {outcome_id!r}; known: {', '.join(LINK_OUTCOME_IDS)}",
                )
            outcomes.append(
                Outcome(
                    id=self.ident(outcome_id, f"{path}.id"),
                    label=self.text(item["label"], f"{path}.label"),
                    description=self.text(item["description"], f"{path}.description"),
                )
            )
        missing = [o for o in LINK_OUTCOME_IDS if o not in {x.id for x in outcomes}]
        if missing:
            self.fail(field, f"missing link outcome(s): {', '.join(missing)}")
        return tuple(outcomes)

    def form(self, value: Any, field: str) -> str:
        """One evaluative form, normalised to lowercase with single spaces."""
        form = " ".join(self.string(value, field).split()).lower()
        if not _FORM_PATTERN.fullmatch(form):
            self.fail(
                field,
                f"pattern {form!r} may only use letters, single spaces, '-' and an "
                "apostrophe between words, and one '*' at the very end",
            )
        if form.endswith("*") and len(re.split(r"[ '’-]", form[:-1])[-1]) < MIN_WILDCARD_STEM:
            self.fail(
                field,
                f"pattern {form!r}: put at least {MIN_WILDCARD_STEM} letters before '*'",
            )
        return form

    def evaluative_terms(self, value: Any, field: str) -> tuple[EvaluativeTerm, ...]:
        """Evaluative wording; `pattern` is one form or a list of forms."""
        terms = []
        seen: dict[tuple[str, str], str] = {}
        for index, raw in enumerate(self.items(value, field)):
            path = f"{field}[{index}]"
            item = self.mapping(raw, path, ("id", "pattern", "lang"))
            term_id = self.ident(item["id"], f"{path}.id")
            lang = self.choice(item["lang"], f"{path}.lang", LANGUAGES, "language")
            raw_forms = item["pattern"]
            if isinstance(raw_forms, list):
                pairs = [
                    (f"{path}.pattern[{i}]", raw)
                    for i, raw in enumerate(self.items(raw_forms, f"{path}.pattern"))
                ]
            else:
                pairs = [(f"{path}.pattern", raw_forms)]
            forms = []
            for form_field, raw_form in pairs:
                form = self.form(raw_form, form_field)
                if (lang, form) in seen:
                    self.fail(
                        form_field,
                        f"duplicate pattern {form!r} (already listed at {seen[lang, form]})",
                    )
                seen[lang, form] = form_field
                forms.append(form)
            terms.append(EvaluativeTerm(id=term_id, forms=tuple(forms), lang=lang))
        return tuple(terms)

    def lens(self, value: Any, field: str) -> tuple[int, Lens]:
        """One lens and its display order; 3-5 open questions keep a round to minutes."""
        keys = (
            "id",
            "order",
            "title",
            "description",
            "version",
            "source",
            "optional",
            "questions",
        )
        item = self.mapping(value, field, keys)
        lens_id = self.ident(item["id"], f"{field}.id")
        order = self.integer(item["order"], f"{field}.order")
        title = self.text(item["title"], f"{field}.title")
        description = self.text(item["description"], f"{field}.description")
        version = self.string(item["version"], f"{field}.version")
        source = self.text(item["source"], f"{field}.source")
        optional = self.boolean(item["optional"], f"{field}.optional")
        raw_questions = item["questions"]
        if not isinstance(raw_questions, list):
            self.fail(
                f"{field}.questions",
                f"expected a list, got {_type_name(raw_questions)}",
            )
        if not MIN_QUESTIONS <= len(raw_questions) <= MAX_QUESTIONS:
            self.fail(
                f"{field}.questions",
                f"a lens needs {MIN_QUESTIONS}–{MAX_QUESTIONS} questions, found {len(raw_questions)}",
            )
        questions = []
        for index, raw in enumerate(raw_questions):
            path = f"{field}.questions[{index}]"
            q = self.mapping(raw, path, ("id", "text"))
            question_id = self.ident(q["id"], f"{path}.id")
            if not question_id.startswith(f"{lens_id}."):
                self.fail(
                    f"{path}.id",
                    f"question id must start with '{lens_id}.' (e.g. '{lens_id}.q{index + 1}')",
                )
            questions.append(Question(id=question_id, text=self.text(q["text"], f"{path}.text")))
        lens = Lens(
            id=lens_id,
            title=title,
            description=description,
            questions=tuple(questions),
            version=version,
            source=source,
            optional=optional,
        )
        return order, lens


def _yaml_files(directory: Path) -> list[Path]:
    """All catalogue files, sorted by relative path so loading is deterministic."""
    files = [p for p in directory.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")]
    return sorted(files, key=lambda p: p.relative_to(directory).as_posix())


def load_catalogue(directory: Path | str | None = None) -> Catalogue:
    """Load and validate every *.yaml under `directory` (default: the shipped prompts/).

    Raises CatalogueError on the first problem found. Reads from disk on every call;
    callers that render often (Streamlit) should cache the result.
    """
    root = Path(directory) if directory is not None else DEFAULT_DIR
    if not root.is_dir():
        raise CatalogueError(str(root), "(directory)", "catalogue directory not found")
    files = _yaml_files(root)
    if not files:
        raise CatalogueError(str(root), "(directory)", "no .yaml files found")

    ids: dict[str, str] = {}
    concepts: list[tuple[str, str, str]] = []
    sections: dict[str, Any] = {}
    section_files: dict[str, str] = {}
    lenses: list[tuple[int, str, Lens]] = []

    for path in files:
        file = str(path)
        data = read_yaml(path, file)
        if data is None:
            raise CatalogueError(
                file,
                "(top level)",
                "file is empty; expected schema_version and a section",
            )
        v = _FileValidator(file, ids, concepts)
        top = v.mapping(data, "", ("schema_version",), _TOP_LEVEL_KEYS[1:])
        version = v.integer(top["schema_version"], "schema_version")
        if version != SCHEMA_VERSION:
            v.fail(
                "schema_version",
                f"unsupported schema_version {version}; this app reads {SCHEMA_VERSION}",
            )
        for key, value in top.items():
            if key == "schema_version":
                continue
            if key == "lens":
                order, lens = v.lens(value, "lens")
                lenses.append((order, lens.id, lens))
                continue
            if key == "lenses":
                for index, raw in enumerate(v.items(value, "lenses")):
                    order, lens = v.lens(raw, f"lenses[{index}]")
                    lenses.append((order, lens.id, lens))
                continue
            if key in section_files:
                v.fail(
                    key,
                    f"section already defined in {section_files[key]}; keep each section in one file",
                )
            section_files[key] = file
            sections[key] = _SECTION_PARSERS[key](v, value, key)

    for key in _REQUIRED_SECTIONS:
        if key == "lenses":
            if not lenses:
                raise CatalogueError(
                    str(root), "lenses", "no lenses defined; add a file under lenses/"
                )
        elif key not in sections:
            raise CatalogueError(
                str(root), key, "missing section; add it to one of the .yaml files"
            )

    ordered_lenses = tuple(lens for _, _, lens in sorted(lenses, key=lambda t: (t[0], t[1])))
    lens_ids = tuple(lens.id for lens in ordered_lenses)
    for file, field, concept in concepts:
        if concept not in lens_ids:
            raise CatalogueError(
                file, field, f"unknown concept {concept!r}; use a lens id: {', '.join(lens_ids)}"
            )

    stems: tuple[tuple[str, Text], ...] = sections["sentence_stems"]
    return Catalogue(
        phases=sections["phases"],
        lenses=ordered_lenses,
        ground_rules=sections["ground_rules"],
        opening_question=sections["opening_question"],
        observation_stems=tuple(text for phase, text in stems if phase == "beskrivende"),
        reflection_stems=tuple(text for phase, text in stems if phase == "reflekterende"),
        closing_questions=sections["closing_questions"],
        conversation_kinds=sections["conversation_kinds"],
        situation_categories=sections["situation_categories"],
        learning_categories=sections["learning_categories"],
        tags=sections["tags"],
        link_outcomes=sections["link_outcomes"],
        evaluative_terms=sections["evaluative_terms"],
        evaluative_hint=sections["evaluative_hint"],
    )


_SECTION_PARSERS = {
    "phases": _FileValidator.phases,
    "ground_rules": _FileValidator.options,
    "opening_question": _FileValidator.prompt,
    "sentence_stems": _FileValidator.stems,
    "closing_questions": _FileValidator.prompts,
    "conversation_kinds": _FileValidator.options,
    "situation_categories": _FileValidator.options,
    "learning_categories": _FileValidator.options,
    "tags": _FileValidator.tags,
    "link_outcomes": _FileValidator.outcomes,
    "evaluative_terms": _FileValidator.evaluative_terms,
    "evaluative_hint": _FileValidator.prompt,
}


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped catalogue (DEFAULT_DIR), loaded once per process: what the pages and the
    session modules read. `catalogue.cache_clear()` loads it again."""
    return load_catalogue()
