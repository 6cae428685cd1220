"""Serving defaults (issue 8, point 6): loopback only, framing refused by the documented proxy
configuration (Streamlit has no setting for it), errors without internals, the port choosable."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import streamlit

from tracker.file_limits import MAX_UPLOAD_MB

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
ACCOUNTS = (ROOT / "docs" / "ACCOUNTS.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_app_listens_on_loopback_and_hides_error_details():
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["server"]["maxUploadSize"] == MAX_UPLOAD_MB


def test_streamlit_still_has_no_framing_setting_so_the_proxy_sets_it():
    # If a Streamlit upgrade adds one, use it in config.toml and say so in ACCOUNTS.md.
    source = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in Path(streamlit.__file__).parent.rglob("*.py")
    )
    assert not re.search(r"x-frame-options|frame-ancestors", source, re.IGNORECASE)


def test_deploying_safely_is_documented_with_both_proxies_refusing_frames():
    section = ACCOUNTS.split("## Triển khai an toàn / Deploying it safely", 1)[1]
    for proxy in ("```nginx", "```caddy"):
        block = section.split(proxy, 1)[1].split("```", 1)[0]
        assert "X-Frame-Options" in block and "frame-ancestors 'none'" in block, proxy
        assert "127.0.0.1:8501" in block and "50" in block, proxy


def test_the_readme_says_how_to_choose_the_port_and_serve_a_lan():
    assert "make run PORT=8502" in README and "--server.port" in README and "127.0.0.1" in README
    assert "--server.port $(PORT)" in (ROOT / "Makefile").read_text(encoding="utf-8")
