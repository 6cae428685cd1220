"""Local accounts: argon2 hashes, throttled then locked sign-in, first administrator, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, ROOT
from tracker import accounts
from tracker.errors import InvalidInput, PermissionDenied, SignInFailed
from tracker.permissions import Role

PASSWORD = "mật-khẩu-đủ-dài-2026"


def run_cli(*args: str, db, stdin: str = ""):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")} | {"TRACKER_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env, input=stdin, capture_output=True,
        text=True, encoding="utf-8", timeout=120, check=False,
    )


def test_a_user_signs_in_with_the_right_password_only(tracker):
    accounts.add_user(tracker, ADMIN, "lienlac", PASSWORD, Role.LIAISON, display_name="Nguyễn Văn Liên")
    actor = accounts.authenticate(tracker, "LienLac", PASSWORD, sleep=lambda s: None)
    assert (actor.username, actor.role, actor.display_name) == ("lienlac", Role.LIAISON, "Nguyễn Văn Liên")
    with pytest.raises(SignInFailed) as failed:
        accounts.authenticate(tracker, "lienlac", "sai-mat-khau-roi", sleep=lambda s: None)
    assert failed.value.message("vi") == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(tracker):
    with pytest.raises(SignInFailed) as failed:
        accounts.authenticate(tracker, "khong-co", PASSWORD, sleep=lambda s: None)
    assert failed.value.key == "error.sign_in_failed"


def test_passwords_are_stored_only_as_argon2_hashes(tracker, db_path):
    accounts.add_user(tracker, ADMIN, "quantri2", PASSWORD, Role.ADMIN)
    row = tracker.db.records("users/get", ["quantri2"])[0]
    assert row["password_hash"].startswith("$argon2id$")
    tracker.db.write(lambda cur: cur.raw.execute("checkpoint"))
    assert PASSWORD.encode() not in db_path.read_bytes()
    assert all(PASSWORD not in str(e) for e in tracker.list_events(ADMIN))


def test_repeated_failures_are_slowed_then_lock_the_account(tracker):
    accounts.add_user(tracker, ADMIN, "cb_cqdp", PASSWORD, Role.UNIT_OFFICER, unit="CQĐP")
    pauses: list[float] = []
    clock = datetime(2026, 11, 22, 9, 0)
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(SignInFailed) as failed:
            accounts.authenticate(tracker, "cb_cqdp", "sai-mat-khau", now=lambda: clock, sleep=pauses.append)
        assert failed.value.key == "error.sign_in_failed"
    assert pauses == sorted(pauses) and pauses[-1] > pauses[0], "each failure waits longer"
    with pytest.raises(SignInFailed) as locked:
        accounts.authenticate(tracker, "cb_cqdp", "sai-mat-khau", now=lambda: clock, sleep=pauses.append)
    assert locked.value.key == "error.account_locked"
    # Locked: even the right password is refused until the lock ends...
    with pytest.raises(SignInFailed):
        accounts.authenticate(tracker, "cb_cqdp", PASSWORD, now=lambda: clock + timedelta(minutes=5), sleep=pauses.append)
    # ...and accepted after it, which also clears the count.
    later = clock + timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.authenticate(tracker, "cb_cqdp", PASSWORD, now=lambda: later, sleep=pauses.append).unit == "CQĐP"
    assert accounts.get_account(tracker, "cb_cqdp").failed_count == 0


def test_a_disabled_account_cannot_sign_in(tracker):
    accounts.add_user(tracker, ADMIN, "nghiviec", PASSWORD, Role.VIEWER)
    accounts.update_user(tracker, ADMIN, "nghiviec", display_name="", role=Role.VIEWER, unit=None, email=None, active=False)
    with pytest.raises(SignInFailed):
        accounts.authenticate(tracker, "nghiviec", PASSWORD, sleep=lambda s: None)


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"username": "a b", "password": PASSWORD, "role": "admin"}, "error.username_chars"),
        ({"username": "ngan", "password": "ngan", "role": "admin"}, "error.password_short"),
        ({"username": "donvi", "password": PASSWORD, "role": "unit_officer"}, "error.unit_required"),
        ({"username": "donvi", "password": PASSWORD, "role": "unit_officer", "unit": "XYZ"}, "error.unknown_unit"),
        ({"username": "vaitro", "password": PASSWORD, "role": "boss"}, "error.choice"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(tracker, kwargs, key):
    with pytest.raises(InvalidInput) as refused:
        accounts.add_user(tracker, ADMIN, kwargs.pop("username"), kwargs.pop("password"), kwargs.pop("role"), **kwargs)
    assert refused.value.key == key
    assert accounts.list_users(tracker) == []


def test_only_administrators_manage_accounts(tracker):
    with pytest.raises(PermissionDenied):
        accounts.add_user(tracker, LIAISON, "moi", PASSWORD, Role.VIEWER)


def test_the_first_administrator_can_be_created_only_once(tracker):
    assert not accounts.has_accounts(tracker)
    accounts.create_first_admin(tracker, "quantri", PASSWORD, "Quản trị")
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(tracker, "keotrom", PASSWORD)
    assert [u["username"] for u in accounts.list_users(tracker)] == ["quantri"]


def test_an_administrator_cannot_lock_themselves_out(tracker):
    admin = accounts.create_first_admin(tracker, "quantri", PASSWORD).actor()
    with pytest.raises(InvalidInput) as refused:
        accounts.update_user(tracker, admin, "quantri", display_name="", role=Role.VIEWER, unit=None, email=None, active=True)
    assert refused.value.key == "error.self_demote"


def test_single_sign_on_email_maps_to_the_account(tracker):
    accounts.add_user(tracker, ADMIN, "xem", PASSWORD, Role.VIEWER, email="Lanh.Dao@moha.gov.vn")
    assert accounts.actor_for_email(tracker, "lanh.dao@MOHA.gov.vn").username == "xem"
    assert accounts.actor_for_email(tracker, "nguoi.la@example.com") is None


def test_cli_creates_the_first_administrator_from_stdin(db_path):
    result = run_cli("user", "add", "--role", "admin", "quantri", "--password-stdin", db=db_path, stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "Đã tạo tài khoản quantri (Quản trị viên)." in result.stdout
    assert PASSWORD not in result.stdout + result.stderr
    listed = run_cli("user", "list", db=db_path)
    assert listed.stdout.startswith("quantri\tadmin")
    short = run_cli("user", "add", "--role", "viewer", "b", "--password-stdin", db=db_path, stdin="ngan\n")
    assert short.returncode != 0 and "Traceback" not in short.stderr
    assert short.stderr.strip() == "Lỗi: Mật khẩu cần ít nhất 10 ký tự."
