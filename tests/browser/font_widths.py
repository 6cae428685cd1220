"""The advance widths of Streamlit's own sans-serif, measured in Chromium (issue 15, point 4).

The progress chart's margins are sized from its labels' widths (tracker/charts.py), so that
plotly lays it out once instead of twice. Those widths come from tracker/sans_widths.json, which
this module writes: ``python -m tests.browser.font_widths`` measures every character of
tracker/times_widths.json (ASCII and every Vietnamese letter) in the Source Sans that Streamlit
serves (its static/media/SourceSansVF-Upright*.woff2, weight 400), at 1,000 px, with a canvas.
tests/browser/test_chart_layout.py measures them again, so a Streamlit upgrade that changes the
font fails there and says to run this.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import streamlit

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "tracker" / "sans_widths.json"
CHARS_FROM = ROOT / "tracker" / "times_widths.json"

MEASURE = """async ([font, chars]) => {
    const face = new FontFace('Measured', `url(data:font/woff2;base64,${font})`, {weight: '100 900'});
    await face.load();
    document.fonts.add(face);
    const context = document.createElement('canvas').getContext('2d');
    context.font = '400 1000px Measured';
    return [...chars].map(c => Math.round(context.measureText(c).width));
}"""


def font_file() -> Path:
    media = Path(streamlit.__file__).parent / "static" / "static" / "media"
    (found,) = sorted(media.glob("SourceSansVF-Upright*.woff2"))
    return found


def measure(browser) -> dict[str, object]:
    """The table as this Streamlit's font gives it."""
    chars = json.loads(CHARS_FROM.read_text(encoding="utf-8"))["chars"]
    page = browser.new_page()
    try:
        font = base64.b64encode(font_file().read_bytes()).decode("ascii")
        widths = page.evaluate(MEASURE, [font, chars])
    finally:
        page.close()
    return {
        "source": f"Source Sans as Streamlit {streamlit.__version__} serves it ({font_file().name}), "
        "weight 400, advance widths in 1/1000 em, measured by tests/browser/font_widths.py",
        "chars": chars,
        "regular": widths,
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        table = measure(browser)
        browser.close()
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({len(table['chars'])} characters)")


if __name__ == "__main__":
    main()
