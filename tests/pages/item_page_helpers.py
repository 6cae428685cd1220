"""Driving the item page (app_pages/item.py) under AppTest: open it by its link, read the action
row, open one action's form, submit a form."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def open_item(at: AppTest, item_id: int | str) -> AppTest:
    """What following /item?id=N does."""
    at.query_params.clear()
    at.query_params["id"] = str(item_id)
    at.switch_page("app_pages/item.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def action_buttons(at: AppTest, item_id: int | str) -> list[str]:
    """The verbs of the action row, in the order shown."""
    prefix = f"item.{item_id}.open."
    return [b.key.removeprefix(prefix) for b in at.button if (b.key or "").startswith(prefix)]


def open_action(at: AppTest, item_id: int | str, verb: str) -> AppTest:
    at.button(key=f"item.{item_id}.open.{verb}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def forms_shown(at: AppTest, item_id: int | str) -> set[str]:
    prefix = f"item.{item_id}."
    return {
        str(b.form_id).removeprefix(prefix)
        for b in at.get("button")
        if str(getattr(b, "form_id", "")).startswith(prefix)
    }


def submit(at: AppTest, form_key: str) -> AppTest:
    buttons = [b for b in at.get("button") if getattr(b, "form_id", "") == form_key]
    assert buttons, f"no submit button in {form_key}"
    buttons[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at
