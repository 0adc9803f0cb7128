"""The interface strings: one set of keys in both languages, every key used, none missing.

Used keys are found by reading the source (the AST of lises_reflect/, pages/ and app.py):
a string literal that is a key uses it; the first argument of t(), tr(), Message() and the
service errors must be a key. Keys built at run time (f-strings and "prefix." + value) belong
to a family in DYNAMIC below, whose members are listed there: each member must exist, each
member counts as used, and a dynamic key prefix in the code that is not in DYNAMIC fails.
"""

from __future__ import annotations

import ast
import re
import shutil
import typing
from pathlib import Path

import pytest

from lises_reflect import (
    audit,
    figures,
    i18n,
    models,
    mydata,
    periods,
    privacy,
    sessions,
    transcript,
)
from lises_reflect.i18n import LANGUAGES, StringsError, placeholders, read_strings, strings, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "lises_reflect").rglob("*.py")),
    *sorted((ROOT / "pages").rglob("*.py")),
    ROOT / "app.py",
]
KEY_CALLS = {"t", "tr", "Message", "InvalidInput", "PermissionDenied", "NotFound", "ServiceError"}
SPEAKERS = (transcript.CASEWORKER, transcript.CITIZEN, transcript.OTHER)
PRIVACY_KINDS = tuple(privacy._PRIORITY)  # the kinds of finding the guard reports

# Families of keys built at run time: prefix -> the members the code can ask for. A suffix
# family ("mine.delete" + "_confirm") is listed with its full keys, as the code cannot be read
# for it.
DYNAMIC: dict[str, tuple[str, ...]] = {
    # ui.py, app.py, pages/admin.py, pages/home.py: f"role.{r}" over the account's roles
    "role.": models.ROLES,
    "home.role.": models.ROLES,
    # session_ui/header.py: "mine.role." + the session role
    "mine.role.": ("bringer", "listener"),
    # session_rules.py, turn_rules.py, flip.py: a turn's speaker
    "speaker.": SPEAKERS,
    "flip.speaker.": SPEAKERS,
    # figures.py: a bar's status
    "figure.status.": typing.get_args(figures.Status),
    # insights.py: the reading under each team figure
    "insights.reading.": ("participation", "process", "lenses", "tags", "outcomes", "learning"),
    # pages/flip_prep.py, flip.py: the figures a seminar pack can hold
    "insights.": ("lenses", "tags", "outcomes", "process"),
    # freetext.py and privacy.py: the kind of personal data found
    "error.name_personal.": PRIVACY_KINDS,
    "privacy.what.": PRIVACY_KINDS,
    # periods.py: month names; ui.py: the period kinds
    "period.month.": tuple(str(m) for m in range(1, 13)),
    "period.kind.": periods.KINDS,
    # export.py: the session export's PDF and the own-contributions text file
    "export.file.": ("confidential", "untitled", "excerpt", "questions", "page", "numbers"),
    "export.own.": (
        *("heading", "confidential", "excerpt", "no_excerpt", "observations", "reflections"),
        *("tags", "links", "learning_points", "turn", "none"),
    ),
    # session_rules.py: the download buttons
    "export.": ("pdf", "csv", "json"),
    "record.own_": ("txt", "json"),
    # session_ui/header.py: whether the listeners' download holds the excerpt
    "record.own_note_": ("with_excerpt", "without_excerpt"),
    # session_ui/phases.py: the labelled ends of the 1-5 scale
    "closing.scale.": ("1", "5"),
    # ui.py: what a colleague is writing
    "live.kind.": sessions._ANNOUNCED,
    # pages/admin.py: what can be renamed
    "admin.kind.": ("team", "organisation"),
    # pages/flip_prep.py: the seminar pack's formats
    "flip.make_": ("pdf", "pptx"),
    "flip.download_": ("pdf", "pptx"),
    # pages/my_reflections.py: what happened to a session, and who read what
    "mine.": ("deleted", "withdrawn", "delete_confirm", "withdraw_confirm"),
    "access.": (*audit.MATERIAL_ACTIONS, audit.READ_POINTS),
    # mydata.py: a section of a person's own data per table, and the access log
    "mydata.table.": (
        *mydata.user_columns(),
        *("user", "learning_point", "login_attempt", "access_log"),
    ),
    # i18n.py: Streamlit's own texts, for static/builtin_texts.js
    "builtin.": tuple(i18n.builtin_names()),
    # app.py: why the login expired
    "login.expired.": ("idle", "absolute", "other"),
}
# Dynamic strings with a key-like prefix that are no keys: audit actions.
NOT_KEYS = ("export.seminar_pack_", "figure.")  # a file name; catalogue ids figure.<key>


def _trees() -> list[tuple[str, ast.AST]]:
    return [(str(p.relative_to(ROOT)), ast.parse(p.read_text("utf-8"))) for p in SOURCES]


def _called(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _literal_prefix(node: ast.AST) -> str | None:
    """The constant start of an f-string or of "prefix" + value, else None."""
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        return node.left.value
    return None


def _keys() -> set[str]:
    return set(strings()["da"])


def _groups() -> set[str]:
    return {k.split(".")[0] for k in _keys()}


def _dynamic_prefixes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    groups = _groups()
    for path, tree in _trees():
        for node in ast.walk(tree):
            prefix = _literal_prefix(node)
            if (
                prefix
                and re.fullmatch(r"[a-z_]+\.[a-z0-9_.]*", prefix)
                and prefix.split(".")[0] in groups
                and prefix not in _keys()
            ):
                found.setdefault(prefix, []).append(f"{path}:{node.lineno}")
    return found


def _used() -> set[str]:
    keys = _keys()
    used = {f"{prefix}{m}" for prefix, members in DYNAMIC.items() for m in members}
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in keys:
                used.add(node.value)
    return used


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    tables = strings()
    assert set(tables) == set(LANGUAGES)
    assert set(tables["da"]) == set(tables["en"])
    for key, text in tables["da"].items():
        assert placeholders(text) == placeholders(tables["en"][key]), key
        assert isinstance(text, dict) == isinstance(tables["en"][key], dict), key


def test_every_literal_key_in_the_code_exists() -> None:
    keys = _keys()
    missing = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in KEY_CALLS and node.args:
                first = node.args[0]
                if (
                    isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                    and (first.value not in keys)
                ):
                    missing.append(f"{path}:{node.lineno}: {first.value}")
            if (
                isinstance(node, ast.keyword)
                and node.arg in ("label_key", "code")
                and isinstance(node.value, ast.Constant)
                and node.value.value not in keys
            ):
                missing.append(f"{path}: {node.value.value}")
    assert not missing


def test_every_dynamic_key_prefix_is_a_known_family() -> None:
    unknown = {
        prefix: where
        for prefix, where in _dynamic_prefixes().items()
        if prefix not in DYNAMIC and prefix not in NOT_KEYS
    }
    assert not unknown, "add these to DYNAMIC (with their members) or NOT_KEYS"


def test_every_member_of_a_dynamic_family_exists() -> None:
    keys = _keys()
    missing = [
        f"{p}{m}" for p, members in DYNAMIC.items() for m in members if f"{p}{m}" not in keys
    ]
    assert not missing


def test_no_key_in_the_files_is_unused() -> None:
    assert sorted(_keys() - _used()) == []


def test_a_plural_is_chosen_by_count() -> None:
    for lang, one, other in (
        ("da", "1 borgertur er", "2 borgerture er"),
        ("en", "1 citizen turn is", "2 citizen turns are"),
    ):
        assert t("talk.summary_meaning", lang, count=1, turns="4").startswith(one)
        assert t("talk.summary_meaning", lang, count=2, turns="4, 7").startswith(other)
        assert t("talk.summary_meaning", lang, turns="4").startswith("{count}")  # no count: other


def test_t_keeps_its_fallbacks() -> None:
    assert t("no.such_key") == "no.such_key"
    assert t("app.title", "fr") == t("app.title", "da") == "Lån et øre"
    assert t("app.logged_in_as", "en") == "Logged in as {name}"  # no params: not formatted
    assert t("app.logged_in_as", "en", other=1) == "Logged in as {name}"  # a missing param


def test_message_translates_its_parts_in_its_language() -> None:
    kind = i18n.Message("upload.kind", extension=".pdf")
    msg = i18n.Message("upload.unsupported", name="a.pdf", hint="", accepted="x", kind=kind)
    assert ".pdf-filer understøttes ikke" in msg.text("da")
    assert ".pdf files are not supported" in msg.text("en")


# --------------------------------------------------------------------------- broken files


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for lang in LANGUAGES:
        shutil.copy(i18n.STRINGS_DIR / f"{lang}.yaml", tmp_path / f"{lang}.yaml")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _error(directory: Path) -> StringsError:
    with pytest.raises(StringsError) as info:
        read_strings(directory)
    return info.value


def test_the_copy_reads_as_the_shipped_files(copy: Path) -> None:
    assert read_strings(copy) == strings()


def test_a_key_missing_in_one_language_names_file_and_key(copy: Path) -> None:
    _edit(copy / "en.yaml", "  logout: Log out\n", "")
    err = _error(copy)
    assert (err.file, err.field) == ("en.yaml", "app.logout")
    assert str(err).startswith("en.yaml: app.logout: missing")


def test_an_extra_key_in_one_language_names_file_and_key(copy: Path) -> None:
    _edit(copy / "en.yaml", "  logout: Log out\n", "  logout: Log out\n  logout2: Bye\n")
    err = _error(copy)
    assert (err.file, err.field) == ("da.yaml", "app.logout2")


def test_a_placeholder_mismatch_names_file_and_key(copy: Path) -> None:
    _edit(copy / "en.yaml", "Logged in as {name}", "Logged in as {user}")
    err = _error(copy)
    assert (err.file, err.field) == ("en.yaml", "app.logged_in_as")
    assert "['user']" in err.message and "['name']" in err.message


def test_a_placeholder_mismatch_in_a_plural_form_is_found(copy: Path) -> None:
    _edit(copy / "da.yaml", "    one: '{count} borgertur", "    one: '{n} borgertur")
    err = _error(copy)
    assert (err.file, err.field) == ("en.yaml", "talk.summary_meaning")


def test_a_plural_in_one_language_only_names_the_key(copy: Path) -> None:
    _edit(
        copy / "da.yaml",
        "  logout: Log ud\n",
        "  logout:\n    one: Log ud\n    other: Log ud\n",
    )
    assert _error(copy).field == "app.logout"


def test_a_plural_needs_exactly_one_and_other(copy: Path) -> None:
    _edit(copy / "da.yaml", "    one: '{count} borgertur", "    few: '{count} borgertur")
    err = _error(copy)
    assert (err.file, err.field) == ("da.yaml", "talk.summary_meaning")


def test_a_broken_placeholder_names_file_and_key(copy: Path) -> None:
    _edit(copy / "da.yaml", "Logget ind som {name}", "Logget ind som {name")
    err = _error(copy)
    assert (err.file, err.field) == ("da.yaml", "app.logged_in_as")


def test_a_value_that_is_no_text_names_file_and_key(copy: Path) -> None:
    _edit(copy / "en.yaml", "  logout: Log out\n", "  logout: yes\n")
    err = _error(copy)
    assert (err.file, err.field) == ("en.yaml", "app.logout")


def test_bad_yaml_names_the_file_and_line(copy: Path) -> None:
    _edit(copy / "da.yaml", "  logout: Log ud\n", "  logout: 'Log ud\n")
    err = _error(copy)
    assert err.file == "da.yaml" and err.line is not None
    assert "malformed YAML" in str(err)


def test_a_duplicate_key_names_the_file(copy: Path) -> None:
    _edit(copy / "da.yaml", "  logout: Log ud\n", "  logout: Log ud\n  logout: Log af\n")
    err = _error(copy)
    assert err.file == "da.yaml" and "duplicate key 'logout'" in str(err)


def test_a_missing_file_names_it(copy: Path) -> None:
    (copy / "en.yaml").unlink()
    assert _error(copy).file == "en.yaml"
