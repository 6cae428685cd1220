"""Local accounts: argon2 hashes, throttled then locked sign-in, first administrator, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from tests.conftest import ADMIN, LIAISON, ROOT
from tracker import accounts, clock
from tracker.errors import InvalidInput, PermissionDenied, SignInFailed
from tracker.permissions import Role

PASSWORD = "mật-khẩu-đủ-dài-2026"


def run_cli(*args: str, db, stdin: str = ""):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_") or k == clock.VARIABLE} | {
        "TRACKER_DB": str(db)
    }
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
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
        accounts.authenticate(
            tracker, "cb_cqdp", PASSWORD, now=lambda: clock + timedelta(minutes=5), sleep=pauses.append
        )
    # ...and accepted after it, which also clears the count.
    later = clock + timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.authenticate(tracker, "cb_cqdp", PASSWORD, now=lambda: later, sleep=pauses.append).unit == "CQĐP"
    assert accounts.get_account(tracker, "cb_cqdp").failed_count == 0


def test_a_disabled_account_cannot_sign_in(tracker):
    accounts.add_user(tracker, ADMIN, "nghiviec", PASSWORD, Role.VIEWER)
    accounts.update_user(
        tracker, ADMIN, "nghiviec", display_name="", role=Role.VIEWER, unit=None, email=None, active=False
    )
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
        accounts.update_user(
            tracker, admin, "quantri", display_name="", role=Role.VIEWER, unit=None, email=None, active=True
        )
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


class CountingHasher:
    """The real argon2 hasher, counting verifications (the expensive part of a sign-in)."""

    def __init__(self, real):
        self.real = real
        self.verified: list[str] = []

    def verify(self, hashed: str, password: str) -> bool:
        self.verified.append(hashed)
        return self.real.verify(hashed, password)

    def hash(self, password: str) -> str:
        return self.real.hash(password)


def lock(tracker, name: str, clock: datetime) -> None:
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(SignInFailed):
            accounts.authenticate(tracker, name, "sai-mat-khau", now=lambda: clock, sleep=lambda s: None)


SIGN_IN_PATHS = ["unknown name", "wrong password", "locked", "unknown name locked", "disabled", "right password"]


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_every_sign_in_path_costs_exactly_one_argon2_verification(tracker, monkeypatch, path):
    clock = datetime(2026, 11, 23, 8, 30)
    accounts.add_user(tracker, ADMIN, "cb_cqdp", PASSWORD, Role.UNIT_OFFICER, unit="CQĐP")
    accounts.add_user(tracker, ADMIN, "nghiviec", PASSWORD, Role.VIEWER)
    accounts.update_user(
        tracker, ADMIN, "nghiviec", display_name="", role=Role.VIEWER, unit=None, email=None, active=False
    )
    accounts._UNKNOWN.clear()
    if path == "locked":
        lock(tracker, "cb_cqdp", clock)
    if path == "unknown name locked":
        lock(tracker, "khong-co-ai", clock)
    name, password = {
        "unknown name": ("khong-co-ai", PASSWORD),
        "wrong password": ("cb_cqdp", "sai-mat-khau-roi"),
        "locked": ("cb_cqdp", PASSWORD),
        "unknown name locked": ("khong-co-ai", PASSWORD),
        "disabled": ("nghiviec", PASSWORD),
        "right password": ("cb_cqdp", PASSWORD),
    }[path]
    spy = CountingHasher(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", spy)
    before = len(tracker.list_events(ADMIN))
    if path == "right password":
        assert accounts.authenticate(tracker, name, password, now=lambda: clock, sleep=lambda s: None).username == name
    else:
        with pytest.raises(SignInFailed) as failed:
            accounts.authenticate(tracker, name, password, now=lambda: clock, sleep=lambda s: None)
        expected = "error.account_locked" if "locked" in path else "error.sign_in_failed"
        assert failed.value.key == expected
        if expected == "error.sign_in_failed":
            assert failed.value.message("vi") == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert len(spy.verified) == 1, spy.verified
    # Unknown names are checked against a dummy hash made with the same argon2 parameters.
    assert spy.verified[0].split("$")[:4] == accounts._DUMMY_HASH.split("$")[:4]
    # ...and every path writes the audit trail once, so the database work is the same too.
    assert len(tracker.list_events(ADMIN)) == before + 1


def test_a_locked_real_name_and_a_locked_unknown_name_answer_alike(tracker):
    clock = datetime(2026, 11, 23, 8, 30)
    accounts.add_user(tracker, ADMIN, "cb_cqdp", PASSWORD, Role.UNIT_OFFICER, unit="CQĐP")
    accounts._UNKNOWN.clear()
    answers = []
    for name in ("cb_cqdp", "khong-co-ai"):
        lock(tracker, name, clock)
        with pytest.raises(SignInFailed) as failed:
            accounts.authenticate(tracker, name, PASSWORD, now=lambda: clock, sleep=lambda s: None)
        answers.append(failed.value.message("vi"))
    assert answers[0] == answers[1] == "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau 08:45 23/11/2026."


def test_sign_ins_failures_and_lockouts_are_in_the_audit_trail_never_the_password(tracker):
    clock = datetime(2026, 11, 23, 8, 30)
    accounts.add_user(tracker, ADMIN, "cb_cqdp", PASSWORD, Role.UNIT_OFFICER, unit="CQĐP")
    accounts._UNKNOWN.clear()
    accounts.authenticate(tracker, "cb_cqdp", PASSWORD, now=lambda: clock, sleep=lambda s: None)
    wrong = "mat-khau-sai-bi-lo"
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(SignInFailed):
            accounts.authenticate(tracker, "cb_cqdp", wrong, now=lambda: clock, sleep=lambda s: None)
    with pytest.raises(SignInFailed):
        accounts.authenticate(tracker, "ai-do", wrong, now=lambda: clock, sleep=lambda s: None)
    events = [e for e in reversed(tracker.list_events(ADMIN)) if e["action"].startswith(("sign_in", "account_"))]
    assert [(e["actor"], e["action"], e["subject"]) for e in events] == [
        ("cb_cqdp", "sign_in", "cb_cqdp"),
        *[("cb_cqdp", "sign_in_failed", "cb_cqdp")] * accounts.MAX_FAILURES,
        ("cb_cqdp", "account_locked", "cb_cqdp"),
        ("?", "sign_in_failed", ""),  # the typed unknown name is not kept: it may be a password
    ]
    assert events[accounts.MAX_FAILURES]["changes"] == {"failed_count": [4, 5]}
    assert events[-2]["changes"] == {"locked_until": [None, "08:45 23/11/2026"]}
    # stamped by the database's clock when written, not the fake login clock (a distance, not a
    # date, so a run that crosses midnight still passes)
    assert all(abs(datetime.now() - e["occurred_at"]) < timedelta(minutes=10) for e in events)
    everything = str(tracker.list_events(ADMIN))
    assert wrong not in everything and PASSWORD not in everything and "ai-do" not in everything


@pytest.mark.parametrize(
    ("claims", "key"),
    [
        ({"email": "lanh.dao@moha.gov.vn", "email_verified": False}, "error.sso_unverified"),
        ({"email": "lanh.dao@moha.gov.vn"}, "error.sso_unverified"),
        ({"email": "lanh.dao@moha.gov.vn", "email_verified": "false"}, "error.sso_unverified"),
        ({"email": "lanh.dao@moha.gov.vn", "email_verified": 1}, "error.sso_unverified"),
        ({"email": "lanh.dao@moha.gov.vn", "email_verified": None}, "error.sso_unverified"),
        ({"email_verified": True}, "error.sso_no_email"),
        ({"email": "nguoi.la@example.com", "email_verified": True}, "error.sso_unknown"),
    ],
)
def test_single_sign_on_refuses_an_unverified_or_unknown_email(tracker, claims, key):
    accounts.add_user(tracker, ADMIN, "xem", PASSWORD, Role.VIEWER, email="Lanh.Dao@moha.gov.vn")
    with pytest.raises(SignInFailed) as refused:
        accounts.actor_for_sso(tracker, claims)
    assert refused.value.key == key
    assert not [e for e in tracker.list_events(ADMIN) if e["action"] == "sign_in_sso"]


@pytest.mark.parametrize("verified", [True, "true", "True"])
def test_single_sign_on_accepts_a_verified_email_of_an_account(tracker, verified):
    accounts.add_user(tracker, ADMIN, "xem", PASSWORD, Role.VIEWER, email="Lanh.Dao@moha.gov.vn")
    actor = accounts.actor_for_sso(tracker, {"email": "lanh.dao@MOHA.gov.vn", "email_verified": verified})
    assert (actor.username, actor.role) == ("xem", Role.VIEWER)
    assert [e["subject"] for e in tracker.list_events(ADMIN) if e["action"] == "sign_in_sso"] == ["xem"]


def test_single_sign_on_message_names_the_unverified_address(tracker):
    with pytest.raises(SignInFailed) as refused:
        accounts.actor_for_sso(tracker, {"email": "lanh.dao@moha.gov.vn", "email_verified": False})
    assert refused.value.message("vi") == (
        "Địa chỉ lanh.dao@moha.gov.vn chưa được nhà cung cấp đăng nhập một lần xác minh nên không thể dùng để đăng nhập."
    )
