"""The research prompt catalogue: loads and validates prompts/*.yaml.

The wording of phases, lenses and questions belongs to researchers and caseworkers,
so it lives in YAML files they can edit. This module validates those files with pydantic
straight into frozen dataclasses, and refuses, loudly and precisely, anything that would show a
user a half-translated or mistyped catalogue. Schema: see prompts/README.md.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Self, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PlainValidator,
    Strict,
    StrictBool,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

__all__ = [
    "DEFAULT_DIR",
    "FIGURE_KEYS",
    "LANGUAGES",
    "LINK_OUTCOME_IDS",
    "LINK_SOURCE_TAGS",
    "MESSAGES",
    "PHASE_IDS",
    "REQUIRED_TAGS",
    "RESEARCH_OUTCOME_IDS",
    "SCHEMA_VERSION",
    "SPEAKERS",
    "STEM_PHASES",
    "TAG_APPLIES_TO",
    "Catalogue",
    "CatalogueError",
    "EvaluativeTerm",
    "FigureSource",
    "Lens",
    "Option",
    "Outcome",
    "Phase",
    "Potential",
    "Question",
    "SchemaVersion",
    "StrictModel",
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

REQUIRED_TAGS: dict[str, str] = {
    "meaning_making": "citizen",
    "citizen_concrete_lm": "citizen",
    "institutional": "caseworker",
}
"""Tag ids the app's code relies on (gribning links, share of institutional turns)."""

LINK_SOURCE_TAGS: tuple[str, ...] = ("meaning_making", "citizen_concrete_lm")
"""A gribning link starts from a citizen turn heard as meaning-making, or as the citizen's
concrete labour-market perspective, which the research says is usually voiced "forsigtigt,
implicit og tøvende" (003:742-743): the group follows what the caseworker does with either."""

LINK_OUTCOME_IDS: tuple[str, ...] = (
    "taken_up",
    "partly_taken_up",
    "postponed",
    "passed_over",
    "overtaken_institutional",
    "unclear",
)
"""What happens after a meaning-making utterance; a fixed set, stored by id."""

RESEARCH_OUTCOME_IDS: tuple[str, ...] = ("taken_up", "passed_over", "overtaken_institutional")
"""The three outcomes the research names: the citizen's utterance "gribes", "overhøres" or
"overhales" (LISES resultatnotat, 003:738-739). The other three are the tool's own and are
never counted with these in a lead's or facilitator's figure."""

FIGURE_KEYS: tuple[str, ...] = (
    "sessions",
    "participation",
    "lenses",
    "tags",
    "outcomes",
    "learning",
    "process",
)
"""The figures a lead or facilitator sees; each says where its concept comes from
(`figure_sources`, id "figure.<key>")."""

_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")

_FORM_PATTERN = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*(?:\*)?")
"""An evaluative form: letters, words joined by one space, '-' or an apostrophe,
optionally one trailing '*' (wildcard for further letters)."""

MIN_WILDCARD_STEM = 3

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5


class CatalogueError(Exception):
    """A catalogue file is wrong; says which file and which field so an editor can fix it."""

    def __init__(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.field = field
        self.message = message
        self.line = line
        super().__init__(f"{file}: {field}: {message}")

    @classmethod
    def from_validation(
        cls, file: str, exc: ValidationError, messages: Mapping[str, str] | None = None
    ) -> Self:
        """The first problem pydantic found in `file`, with its field as an editor reads it
        (`lenses[0].questions[2].text`); `messages` words pydantic's own errors (default:
        MESSAGES)."""
        messages = MESSAGES if messages is None else messages
        error = exc.errors(include_url=False)[0]
        kind, value = error["type"], error["input"]
        message = messages.get(kind, error["msg"])
        if kind in messages and kind.endswith("_type"):
            message += f", got {_type_name(value)}"
            if kind == "string_type" and isinstance(value, int | float):
                message += ' (put it in quotes, e.g. "1.0")'
        return cls(file, _field_path(error["loc"]), message)


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
#
# Typed shapes of the files in prompts/README.md; pydantic checks a file against `_File`. Context:
# "file" (the file's name), "ids" (id -> "file: field" of its first use, across all files) and
# "sections" (section -> the file that defines it).

MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "missing": "missing required key",
        "string_type": "expected a string",
        "string_too_short": "must not be empty",
        "bool_type": "expected true or false",
        "int_type": "expected a whole number",
        "list_type": "expected a list",
        "too_short": "list is empty",
        "model_type": "expected a mapping",
        "dataclass_type": "expected a mapping",
        "tuple_type": "expected a list",
    }
)
"""How `CatalogueError.from_validation` words pydantic's own errors, by error type; a "_type"
error also says what it got. Other errors keep pydantic's or the validator's message."""


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


def _field_path(loc: tuple[str | int, ...]) -> str:
    """A pydantic location as an editor reads it: lenses[0].questions[2].text."""
    out = ""
    for part in loc:
        if part == "[key]":  # an invalid mapping key: the key itself is the last part already
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _invalid(message: str, *loc: str | int) -> ValidationError:
    """An error for a validator to raise; `loc` names the part of its value that is wrong."""
    error = PydanticCustomError("catalogue", message)
    return ValidationError.from_exception_data(
        "catalogue", [{"type": error, "loc": loc, "input": None}]
    )


class StrictModel(BaseModel):
    """A typed file shape: an unknown key is an error that names the closest known key, so a
    typo (`lense:`, `descripton:`) never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, value: Any) -> Any:
        return _known_keys(value, tuple(cls.model_fields))


def _known_keys(value: Any, allowed: tuple[str, ...]) -> Any:
    for key in value if isinstance(value, dict) else ():
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            extra = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
            raise _invalid(f"unknown key {key!r}{extra}", str(key))
    return value


def _schema_version(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise _invalid(f"unsupported schema_version {value}; this app reads {SCHEMA_VERSION}")
    return value


SchemaVersion = Annotated[StrictInt, AfterValidator(_schema_version)]
"""The `schema_version` every data file starts with."""

_T = TypeVar("_T")
Items = Annotated[list[_T], Strict(), Field(min_length=1)]
Str = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]


def _ident(value: str) -> str:
    if not value.strip():
        raise _invalid("must not be empty")
    if not _ID_PATTERN.fullmatch(value):
        raise _invalid(f"id {value!r} may only use a-z, 0-9, '_' and '.'")
    return value


Ident = Annotated[str, Strict(), AfterValidator(_ident)]
"""An id; unique across the whole catalogue (`_File._unique_ids`), so stored references are
unambiguous."""


def _one_of(allowed: tuple[str, ...], message: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in allowed:
            raise _invalid(message.format(value=value, allowed=", ".join(allowed)))
        return value

    return AfterValidator(check)


PhaseId = Annotated[Str, _one_of(PHASE_IDS, "unknown phase {value!r}; known: {allowed}")]
StemPhase = Annotated[
    PhaseId, _one_of(STEM_PHASES, "phase {value!r} not allowed here; use one of: {allowed}")
]
AppliesTo = Annotated[
    Str, _one_of(TAG_APPLIES_TO, "unknown applies_to {value!r}; use one of: {allowed}")
]
Language = Annotated[Str, _one_of(LANGUAGES, "unknown language {value!r}; use one of: {allowed}")]
OutcomeId = Annotated[
    Str, _one_of(LINK_OUTCOME_IDS, "unknown link outcome {value!r}; known: {allowed}")
]


def _form(value: str) -> str:
    """One evaluative form, normalised to lowercase with single spaces."""
    form = " ".join(value.split()).lower()
    if not _FORM_PATTERN.fullmatch(form):
        raise _invalid(
            f"pattern {form!r} may only use letters, single spaces, '-' and an "
            "apostrophe between words, and one '*' at the very end"
        )
    if form.endswith("*") and len(re.split(r"[ '’-]", form[:-1])[-1]) < MIN_WILDCARD_STEM:
        raise _invalid(f"pattern {form!r}: put at least {MIN_WILDCARD_STEM} letters before '*'")
    return form


Form = Annotated[Str, AfterValidator(_form)]
_FORM = TypeAdapter(Form)
_FORMS = TypeAdapter(Items[Form])


def _pattern(value: Any) -> str | list[str]:
    """One evaluative form, or a list of them."""
    return (
        _FORMS.validate_python(value) if isinstance(value, list) else _FORM.validate_python(value)
    )


Pattern = Annotated[str | list[str], PlainValidator(_pattern)]


MAX_QUOTE_WORDS = 30
_REF_PATTERN = re.compile(r"\d{3}_[0-9a-f]{16}\.txt:\d+(?:-\d+)?")


def _quote(value: str) -> str:
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise _invalid(f"a quote has at most {MAX_QUOTE_WORDS} words, found {words}")
    return value


def _ref(value: str) -> str:
    if not _REF_PATTERN.fullmatch(value):
        raise _invalid(
            f"ref {value!r} must name a research file and its lines, e.g. '003_….txt:738'"
        )
    return value


Quote = Annotated[Str, AfterValidator(_quote)]
Ref = Annotated[Str, AfterValidator(_ref)]
Origin = Annotated[Str, _one_of(("tool",), "unknown origin {value!r}; the only origin is 'tool'")]


def _one_provenance(source: object, origin: object) -> None:
    """What the product calls research must be quotable from it; everything else says it is
    the tool's own design. An item is one or the other, never both or neither."""
    if (source is None) == (origin is None):
        raise _invalid(
            "give either 'source' (research: cite, ref, quote) or 'origin: tool' "
            "(the tool's own design), not both or neither"
        )


# --------------------------------------------------------------------------- model
#
# The public types are frozen dataclasses whose field types carry the checks: pydantic
# validates a file straight into them (`_File`). Constructed in code they are not validated.


class _Checked:
    """A dataclass pydantic validates from a mapping: an unknown key is an error that names
    the closest known key, and `_validated` may add a rule for the whole item."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        if schema["type"] == "definition-ref":  # already built, with the checks below
            return schema
        # The checks go around the dataclass; the reference to it moves with them, so that a
        # second use of the type refers to the checked schema.
        ref = schema.pop("ref")
        schema = core_schema.no_info_after_validator_function(cls._validated, schema)
        return core_schema.no_info_before_validator_function(cls._known_keys, schema, ref=ref)

    @classmethod
    def _known_keys(cls, value: Any) -> Any:
        return _known_keys(value, _names(cls))

    def _validated(self) -> Self:
        return self


def _names(item: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(item))


@dataclass(frozen=True)
class Text(_Checked):
    """A user-visible text in Danish and English; Danish is the working language. From a file,
    both translations, non-empty: a half-translated screen is a bug."""

    da: Str
    en: Str

    def get(self, lang: str) -> str:
        """Text in `lang` ("da" or "en"); anything else, or a blank English text, gives Danish."""
        if lang == "en" and self.en:
            return self.en
        return self.da

    @classmethod
    def _known_keys(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise _invalid(f"expected a mapping with 'da' and 'en', got {_type_name(value)}")
        for key in value:
            if key not in LANGUAGES:
                raise _invalid(f"unknown language {key!r}; use 'da' and 'en'", str(key))
        for lang in LANGUAGES:
            if lang not in value:
                raise _invalid(f"missing translation ({lang})", lang)
            if value[lang] is None or (isinstance(value[lang], str) and not value[lang].strip()):
                raise _invalid(f"empty translation ({lang})", lang)
        return value


@dataclass(frozen=True)
class Source(_Checked):
    """Where the research says it: a readable reference, the research file and lines (`ref`),
    and a verbatim Danish quote of at most 30 words (tests/test_research.py finds it there)."""

    cite: Str
    ref: Ref
    quote: Quote


@dataclass(frozen=True)
class _Traced(_Checked):
    """An item that says where it comes from: `source` (research) or `origin: tool` (this
    product's own design, with a one-line `rationale` for maintainers where useful)."""

    source: Source | None = dataclasses.field(default=None, kw_only=True)
    origin: Origin | None = dataclasses.field(default=None, kw_only=True)
    rationale: Str | None = dataclasses.field(default=None, kw_only=True)

    def _validated(self) -> Self:
        _one_provenance(self.source, self.origin)
        return self

    @property
    def is_research(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Option(_Traced):
    """One choice in a list (conversation kind, situation category, ground rule, ...)."""

    id: Ident
    label: Text
    description: Text | None = None


@dataclass(frozen=True)
class Phase(_Traced):
    """One step of a session; `number` is its 1-based position."""

    id: PhaseId
    number: StrictInt
    title: Text
    instruction: Text


@dataclass(frozen=True)
class Potential(_Traced):
    """One of the LISES project's five potentials: the theme a FLIP works on, and what the
    lenses' concepts serve. Always quoted from the research."""

    id: Ident
    number: StrictInt
    title: Text

    def _validated(self) -> Self:
        if self.source is None:
            raise _invalid("a potential is the research's own: give its 'source'", "source")
        return super()._validated()


@dataclass(frozen=True)
class FigureSource(_Traced):
    """Where the concept a lead's or facilitator's figure counts comes from, shown with the
    figure's reading; `id` is "figure.<key>" (FIGURE_KEYS)."""

    id: Ident

    @property
    def key(self) -> str:
        return self.id.removeprefix("figure.")


@dataclass(frozen=True)
class Question(_Traced):
    """An open, descriptive question a lens asks of the transcript."""

    id: Ident
    text: Text


def _three_to_five(questions: tuple[Question, ...]) -> tuple[Question, ...]:
    """3-5 open questions keep a round to minutes."""
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        raise _invalid(
            f"a lens needs {MIN_QUESTIONS}–{MAX_QUESTIONS} questions, found {len(questions)}"
        )
    return questions


@dataclass(frozen=True)
class Lens(_Traced):
    """A concept to listen with; `version` and `source` keep findings traceable, `order`
    places it in the display order."""

    id: Ident
    order: StrictInt
    title: Text
    description: Text
    version: Str
    optional: StrictBool
    potential: Ident
    """The id of the LISES potential the lens serves (prompts/potentials.yaml); checked
    against the potential ids once every file is read."""
    questions: Annotated[tuple[Question, ...], AfterValidator(_three_to_five)]


@dataclass(frozen=True)
class Tag(_Traced):
    """A descriptive label for a turn in a transcript; never a grade."""

    id: Ident
    label: Text
    description: Text
    applies_to: AppliesTo
    """"caseworker", "citizen" or "any"."""
    concept: Str
    """The id of the lens the tag comes from (e.g. "gribning"); checked against the lens ids
    once every file is read."""

    def _validated(self) -> Self:
        super()._validated()
        required = REQUIRED_TAGS.get(self.id)
        if required is not None and self.applies_to != required:
            raise _invalid(
                f"tag {self.id!r} must apply to {required!r}; the app relies on it", "applies_to"
            )
        return self


@dataclass(frozen=True)
class Outcome(_Traced):
    """What happens after a citizen's meaning-making utterance (a gribning link)."""

    id: OutcomeId
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
    potentials: tuple[Potential, ...]
    figure_sources: tuple[FigureSource, ...]

    def phase(self, phase_id: str) -> Phase:
        return _find(self.phases, phase_id, "phase")

    def phase_ids(self) -> tuple[str, ...]:
        """Phase ids in session order."""
        return tuple(phase.id for phase in self.phases)

    def lens(self, lens_id: str) -> Lens:
        return _find(self.lenses, lens_id, "lens")

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

    def conversation_kind(self, option_id: str) -> Option:
        return _find(self.conversation_kinds, option_id, "conversation kind")

    def situation_category(self, option_id: str) -> Option:
        return _find(self.situation_categories, option_id, "situation category")

    def learning_category(self, option_id: str) -> Option:
        return _find(self.learning_categories, option_id, "learning category")

    def tag(self, tag_id: str) -> Tag:
        return _find(self.tags, tag_id, "tag")

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
        return _find(self.link_outcomes, outcome_id, "link outcome")

    def potential(self, potential_id: str) -> Potential:
        return _find(self.potentials, potential_id, "potential")

    def figure_source(self, figure_key: str) -> FigureSource:
        return _find(self.figure_sources, f"figure.{figure_key}", "figure")


_Item = TypeVar("_Item", Phase, Lens, Option, Tag, Outcome, Potential, FigureSource)


def _find(items: tuple[_Item, ...], item_id: str, kind: str) -> _Item:
    """The item with this id; the KeyError names the known ids."""
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(item.id for item in items)
    raise KeyError(f"unknown {kind} {item_id!r}; known: {known}")


# --------------------------------------------------------------------------- files


class _TracedModel(StrictModel):
    """A file-only shape that says where it comes from, like `_Traced`."""

    source: Source | None = None
    origin: Origin | None = None
    rationale: Str | None = None

    @model_validator(mode="after")
    def _provenance(self) -> Self:
        _one_provenance(self.source, self.origin)
        return self


class _Prompt(_TracedModel):
    """A single text with an id (the opening question, a closing question, the hint)."""

    id: Ident
    text: Text


class _Stem(_TracedModel):
    """A sentence stem and the phase it serves (beskrivende: observations, reflekterende:
    reflections)."""

    id: Ident
    phase: StemPhase
    text: Text


class _Term(_TracedModel):
    """An evaluative term as written in a file: one `pattern` or a list of them."""

    id: Ident
    lang: Language
    pattern: Pattern

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.pattern,) if isinstance(self.pattern, str) else tuple(self.pattern)


class _File(StrictModel):
    """One catalogue file: `schema_version` and any sections (each section in one file only).

    After a section's items validate, its validators below run in the order written: phase
    order, one file per section, unique ids, then the rules for a whole section, so that a
    duplicated id is named as such rather than as the outcome or tag it leaves missing."""

    schema_version: SchemaVersion
    phases: Items[Phase] = None
    ground_rules: Items[Option] = None
    opening_question: _Prompt = None
    sentence_stems: Items[_Stem] = None
    closing_questions: Items[_Prompt] = None
    conversation_kinds: Items[Option] = None
    situation_categories: Items[Option] = None
    learning_categories: Items[Option] = None
    lens: Lens = None
    lenses: Items[Lens] = None
    tags: Items[Tag] = None
    link_outcomes: Items[Outcome] = None
    evaluative_hint: _Prompt = None
    evaluative_terms: Items[_Term] = None
    potentials: Items[Potential] = None
    figure_sources: Items[FigureSource] = None
    # A section left out stays None: defaults are not validated, an explicit empty value is.

    @field_validator("phases")
    @classmethod
    def _eight_phases_in_order(cls, phases: list[Phase]) -> list[Phase]:
        for index, phase in enumerate(phases):
            if index >= len(PHASE_IDS) or phase.id != PHASE_IDS[index]:
                expected = PHASE_IDS[index] if index < len(PHASE_IDS) else "nothing"
                raise _invalid(
                    f"expected phase {expected!r} at position {index + 1}, found {phase.id!r}",
                    *(index, "id"),
                )
            if phase.number != index + 1:
                raise _invalid(f"expected {index + 1}, found {phase.number}", index, "number")
        if len(phases) != len(PHASE_IDS):
            missing = ", ".join(PHASE_IDS[len(phases) :])
            raise _invalid(
                f"expected {len(PHASE_IDS)} phases, found {len(phases)}; missing: {missing}"
            )
        return phases

    @field_validator("*")
    @classmethod
    def _one_file_per_section(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name not in ("schema_version", "lens", "lenses"):
            sections = info.context["sections"]
            if info.field_name in sections:
                raise _invalid(
                    f"section already defined in {sections[info.field_name]}; "
                    "keep each section in one file"
                )
            sections[info.field_name] = info.context["file"]
        return value

    @field_validator("*")
    @classmethod
    def _unique_ids(cls, value: Any, info: ValidationInfo) -> Any:
        ids, file = info.context["ids"], info.context["file"]
        for loc, ident in _ids(value):
            if ident in ids:
                raise _invalid(f"duplicate id {ident!r} (already used at {ids[ident]})", *loc)
            ids[ident] = f"{file}: {_field_path((info.field_name, *loc))}"
        return value

    @field_validator("lens", "lenses")
    @classmethod
    def _question_ids_start_with_the_lens_id(cls, value: Lens | list[Lens]) -> Any:
        one = isinstance(value, Lens)
        located = {(): value} if one else {(i,): lens for i, lens in enumerate(value)}
        for where, lens in located.items():
            for index, question in enumerate(lens.questions):
                if not question.id.startswith(f"{lens.id}."):
                    raise _invalid(
                        f"question id must start with '{lens.id}.' (e.g. '{lens.id}.q{index + 1}')",
                        *(*where, "questions", index, "id"),
                    )
        return value

    @field_validator("potentials")
    @classmethod
    def _potentials_numbered(cls, potentials: list[Potential]) -> list[Potential]:
        for index, potential in enumerate(potentials):
            if potential.number != index + 1:
                raise _invalid(f"expected {index + 1}, found {potential.number}", index, "number")
        return potentials

    @field_validator("figure_sources")
    @classmethod
    def _one_per_figure(cls, items: list[FigureSource]) -> list[FigureSource]:
        keys = [item.key for item in items]
        for index, key in enumerate(keys):
            if key not in FIGURE_KEYS:
                raise _invalid(
                    f"unknown figure {key!r}; use figure.<key> with one of: "
                    + ", ".join(FIGURE_KEYS),
                    index,
                    "id",
                )
        missing = [key for key in FIGURE_KEYS if key not in keys]
        if missing:
            raise _invalid("missing figure(s): " + ", ".join(f"figure.{k}" for k in missing))
        return items

    @field_validator("sentence_stems")
    @classmethod
    def _stems_for_each_phase(cls, stems: list[_Stem]) -> list[_Stem]:
        for phase_id in STEM_PHASES:
            if not any(stem.phase == phase_id for stem in stems):
                raise _invalid(f"no sentence stems for phase {phase_id!r}")
        return stems

    @field_validator("tags")
    @classmethod
    def _required_tags(cls, tags: list[Tag]) -> list[Tag]:
        present = {tag.id for tag in tags}
        for tag_id, speaker in REQUIRED_TAGS.items():
            if tag_id not in present:
                raise _invalid(
                    f"missing tag {tag_id!r} (applies_to: {speaker}); the app relies on it"
                )
        return tags

    @field_validator("link_outcomes")
    @classmethod
    def _every_outcome(cls, outcomes: list[Outcome]) -> list[Outcome]:
        missing = [o for o in LINK_OUTCOME_IDS if o not in {x.id for x in outcomes}]
        if missing:
            raise _invalid(f"missing link outcome(s): {', '.join(missing)}")
        for index, outcome in enumerate(outcomes):
            if (outcome.id in RESEARCH_OUTCOME_IDS) != outcome.is_research:
                should = "a 'source'" if outcome.id in RESEARCH_OUTCOME_IDS else "'origin: tool'"
                raise _invalid(
                    f"link outcome {outcome.id!r} needs {should}: the research names three "
                    f"outcomes ({', '.join(RESEARCH_OUTCOME_IDS)}), the others are the tool's own",
                    index,
                )
        return outcomes

    @field_validator("evaluative_terms")
    @classmethod
    def _patterns_once_per_language(cls, terms: list[_Term], info: ValidationInfo) -> list[_Term]:
        seen: dict[tuple[str, str], str] = {}
        for i, term in enumerate(terms):
            for j, form in enumerate(term.forms):
                loc = (i, "pattern") if isinstance(term.pattern, str) else (i, "pattern", j)
                if (term.lang, form) in seen:
                    where = seen[term.lang, form]
                    raise _invalid(f"duplicate pattern {form!r} (already listed at {where})", *loc)
                seen[term.lang, form] = _field_path((info.field_name, *loc))
        return terms


def _ids(
    value: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every id in a validated section, with its location, in file order."""
    if isinstance(value, BaseModel | _Checked):
        names = type(value).model_fields if isinstance(value, BaseModel) else _names(value)
        for name in names:
            if name == "id":
                yield (*loc, "id"), value.id
            else:
                yield from _ids(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _ids(item, (*loc, index))


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

    context: dict[str, Any] = {"ids": {}, "sections": {}}
    sections: dict[str, Any] = {}
    lenses: list[Lens] = []
    for path in files:
        file = context["file"] = str(path)
        data = read_yaml(path, file)
        if data is None:
            raise CatalogueError(
                file, "(top level)", "file is empty; expected schema_version and a section"
            )
        try:
            parsed = _File.model_validate(data, context=context)
        except ValidationError as exc:
            raise CatalogueError.from_validation(file, exc) from None
        lenses += ([parsed.lens] if parsed.lens else []) + (parsed.lenses or [])
        for key in parsed.model_fields_set - {"schema_version", "lens", "lenses"}:
            sections[key] = getattr(parsed, key)

    for key in _File.model_fields:
        if key == "lenses" and not lenses:
            raise CatalogueError(str(root), "lenses", "no lenses defined; add a file under lenses/")
        if key not in ("schema_version", "lens", "lenses") and key not in sections:
            raise CatalogueError(
                str(root), key, "missing section; add it to one of the .yaml files"
            )

    ordered_lenses = tuple(sorted(lenses, key=lambda x: (x.order, x.id)))
    lens_ids = tuple(lens.id for lens in ordered_lenses)
    for index, tag in enumerate(sections["tags"]):
        if tag.concept not in lens_ids:
            raise CatalogueError(
                context["sections"]["tags"],
                f"tags[{index}].concept",
                f"unknown concept {tag.concept!r}; use a lens id: {', '.join(lens_ids)}",
            )

    potential_ids = tuple(p.id for p in sections["potentials"])
    for lens in ordered_lenses:
        if lens.potential not in potential_ids:
            raise CatalogueError(
                context["ids"][lens.id].rpartition(": lens")[0],
                "lens.potential",
                f"unknown potential {lens.potential!r} in lens {lens.id!r}; "
                f"use one of: {', '.join(potential_ids)}",
            )

    stems: list[_Stem] = sections.pop("sentence_stems")
    terms: list[_Term] = sections.pop("evaluative_terms")
    return Catalogue(
        lenses=ordered_lenses,
        observation_stems=tuple(s.text for s in stems if s.phase == "beskrivende"),
        reflection_stems=tuple(s.text for s in stems if s.phase == "reflekterende"),
        evaluative_terms=tuple(EvaluativeTerm(t.id, t.forms, t.lang) for t in terms),
        opening_question=sections.pop("opening_question").text,
        closing_questions=tuple(p.text for p in sections.pop("closing_questions")),
        evaluative_hint=sections.pop("evaluative_hint").text,
        **{key: tuple(items) for key, items in sections.items()},
    )


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped catalogue (DEFAULT_DIR), loaded once per process: what the pages and the
    session modules read. `catalogue.cache_clear()` loads it again."""
    return load_catalogue()
