"""A shared link survives sign-in: the target the app carries through the session-cookie round
trip (ui/deep_links.py) keeps its page and item number, and never leads off the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.deep_links import PAGE_PATHS, item_id_of, safe_next, safe_target


def test_an_item_link_keeps_its_page_and_number():
    assert safe_target("/item", [("id", "397")]) == "/item?id=397"
    assert safe_target("/register", [("item", "397")]) == "/register?item=397"
    assert safe_next("/item?id=397") == "/item?id=397"


def test_only_allowed_parameters_are_carried_when_building_the_target():
    assert safe_target("/item", [("id", "397"), ("next", "https://evil.example/")]) == "/item?id=397"
    assert safe_target("/item", [("id", "397; drop")]) == "/item"
    assert safe_target("/queue", []) == "/queue"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/item?id=1",
        "//evil.example/item?id=1",
        "/\\evil.example",
        "/item?id=1#x",
        "/item?id=1&next=//evil.example",
        "/item?id=1&id=2",
        "/item?id=abc",
        "/%2F%2Fevil.example",
        "javascript:alert(1)",
    ],
)
def test_anything_outside_the_rule_lands_at_home(target):
    assert safe_next(target) == "/"


@pytest.mark.parametrize(("value", "number"), [("397", 397), (" 12 ", 12), ("0", None), ("-3", None), ("3a", None)])
def test_an_item_number_is_read_from_a_link_or_refused(value, number):
    assert item_id_of(value) == number
    assert item_id_of(None) is None


def test_every_page_address_is_served_by_the_app():
    text = (Path(__file__).resolve().parents[2] / "streamlit_app.py").read_text(encoding="utf-8")
    for path in PAGE_PATHS:
        assert f'url_path="{path}"' in text, f"/{path} opened signed out would show the sign-in at no page"
