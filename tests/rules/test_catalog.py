"""The message catalogs: same keys in Vietnamese and English, every key the code uses exists,
Vietnamese written with its diacritics, and placeholders that format in both languages."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from tracker import errors
from tracker.i18n import t

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "tracker" / "catalog"
VI = json.loads((CATALOG / "vi.json").read_text(encoding="utf-8"))
EN = json.loads((CATALOG / "en.json").read_text(encoding="utf-8"))
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_-]+)+$")

# Vietnamese writes the term in Roman numerals ("khóa XV"), English as a number ("15th"):
# SessionRef.label passes both, so these two keys may legitimately use different placeholders.
PLACEHOLDER_EXCEPTIONS = {"session.label", "session.label_extraordinary"}

ERROR_CLASSES = {
    name for name, obj in vars(errors).items() if isinstance(obj, type) and issubclass(obj, errors.TrackerError)
}
TRANSLATORS = {"t", "tr"}
# Validators and the position of their field-name argument.
VALIDATORS = {
    "validate_text": 1,
    "validate_day": 1,
    "validate_event_date": 2,
    "_unit_code": 2,
    "parse_date": 1,
    "_enum": 2,
}


def source_files() -> list[Path]:
    files = sorted((ROOT / "tracker").rglob("*.py"))
    for folder in ("app_pages", "ui"):
        if (ROOT / folder).is_dir():
            files += sorted((ROOT / folder).rglob("*.py"))
    if (ROOT / "streamlit_app.py").is_file():
        files.append(ROOT / "streamlit_app.py")
    return files


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _const(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def referenced_keys() -> dict[str, set[str]]:
    """Catalog keys in t("..."), tr("..."), SomeError("...") and error classes' ``key = "..."``."""
    found: dict[str, set[str]] = {}
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            key = None
            if isinstance(node, ast.Call) and node.args and _name(node.func) in TRANSLATORS | ERROR_CLASSES:
                key = _const(node.args[0])
            elif isinstance(node, ast.Assign) and any(isinstance(x, ast.Name) and x.id == "key" for x in node.targets):
                key = _const(node.value)
            if key and KEY.match(key):
                found.setdefault(key, set()).add(where)
    return found


def field_names() -> dict[str, set[str]]:
    """Field names error messages show: field="..." and the field argument of the validators."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tracker").rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            names = [_const(kw.value) for kw in node.keywords if kw.arg == "field"]
            args, validator = node.args, _name(node.func)
            if args and isinstance(args[0], ast.Name) and args[0].id in VALIDATORS:
                args, validator = args[1:], args[0].id  # check(validate_text, value, "field", ...)
            position = VALIDATORS.get(validator or "")
            if position is not None and len(args) > position:
                names.append(_const(args[position]))
            for name in names:
                if name:
                    found.setdefault(name, set()).add(where)
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_catalogs_have_exactly_the_same_keys():
    assert sorted(set(VI) - set(EN)) == []
    assert sorted(set(EN) - set(VI)) == []


def test_every_value_is_a_non_empty_string_and_a_valid_format():
    for catalog in (VI, EN):
        for key, value in catalog.items():
            assert KEY.match(key), key
            assert isinstance(value, str) and value.strip(), key
            placeholders(value)  # raises ValueError on a broken "{"


def test_the_scan_finds_keys_in_code():
    keys = referenced_keys()
    for key in ("calendar.weekend", "deadline.explain", "error.db_busy", "error.session_format", "error.stale_item"):
        assert key in keys, key


def test_every_key_used_in_the_code_exists_in_vietnamese():
    missing = {key: sorted(where) for key, where in referenced_keys().items() if key not in VI}
    assert missing == {}


def test_every_field_named_in_an_error_has_a_label():
    names = field_names()
    assert {"summary", "received_on", "lead_unit", "roadmap", "kind", "transferred_on", "coordinating_units"} <= set(
        names
    )
    missing = {name: sorted(where) for name, where in names.items() if f"field.{name}" not in VI}
    assert missing == {}


def test_placeholders_are_the_same_in_both_languages():
    differ = {
        key: (sorted(placeholders(VI[key])), sorted(placeholders(EN[key])))
        for key in sorted(set(VI) & set(EN))
        if placeholders(VI[key]) != placeholders(EN[key]) and key not in PLACEHOLDER_EXCEPTIONS
    }
    assert differ == {}


@pytest.mark.parametrize("key", sorted(PLACEHOLDER_EXCEPTIONS))
def test_the_session_labels_format_fully_in_both_languages(key):
    for lang in ("vi", "en"):
        text = t(key, lang, number=8, term="XV", term_number=15)
        assert "{" not in text and "8" in text, (lang, text)


def test_vietnamese_is_written_with_its_diacritics():
    assert VI["calendar.weekend"] == "cuối tuần"
    assert VI["cli.error"] == "Lỗi"
    assert "Cơ sở dữ liệu" in VI["error.db_busy"]
    assert "Không tìm thấy" in VI["error.item_not_found"]

    # A Vietnamese sentence without a single non-ASCII letter is almost surely typed without marks.
    def letters(text: str) -> str:
        return re.sub(r"\{[^}]*\}|[^A-Za-zÀ-ỹĐđ]", "", text)

    unmarked = sorted(
        key
        for key, value in VI.items()
        if len(letters(value)) >= 8 and letters(value).isascii() and value != EN.get(key)
    )
    assert unmarked == []


def test_vietnamese_and_english_differ_where_there_are_words():
    same = sorted(key for key in VI if VI[key] == EN.get(key) and len(re.sub(r"\{[^}]*\}|\W", "", VI[key])) > 12)
    assert same == []
