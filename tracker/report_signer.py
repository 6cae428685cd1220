"""Who signs the Word report: an administrator setting, blank (dotted) until someone sets it.

Decree 30/2020, Appendix I, box 7: the signer's authority and title in capitals, bold ("KT. BỘ
TRƯỞNG" over "THỨ TRƯỞNG" when a deputy minister signs for the minister), room for the signature,
then the signer's name. A report to the NA Standing Committee must not go out with a made-up name,
so nothing is assumed: an unset signer prints dotted lines for the office to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker import validation as v
from tracker.errors import InvalidInput
from tracker.i18n import t

# "" = the minister signs; KT. = ký thay (a deputy for the minister); TL. = thừa lệnh; TUQ. =
# thừa ủy quyền (Decree 30/2020, Art. 13 and Appendix I, box 7a).
AUTHORITIES = ("", "kt", "tl", "tuq")
KEYS = {"name": "report.signer_name", "title": "report.signer_title", "authority": "report.signer_authority"}
MAX_LENGTH = 80
PLACEHOLDER = "…………………………"


@dataclass(frozen=True)
class Signer:
    name: str = ""
    title: str = ""  # e.g. "Thứ trưởng"; printed in capitals
    authority: str = ""  # one of AUTHORITIES

    @classmethod
    def from_settings(cls, settings: dict[str, str]) -> Signer:
        return cls(*(settings.get(KEYS[f], "") for f in ("name", "title", "authority")))

    def settings(self) -> dict[str, str]:
        return {KEYS["name"]: self.name, KEYS["title"]: self.title, KEYS["authority"]: self.authority}

    def validated(self, lang: str = "vi") -> Signer:
        """The signer as stored: trimmed, one line each; an authority needs the signer's own title,
        which cannot be the head's ("KT. BỘ TRƯỞNG / BỘ TRƯỞNG" signs for oneself)."""
        name = v.validate_text(self.name, "signer_name", MAX_LENGTH, multiline=False)
        title = v.validate_text(self.title, "signer_title", MAX_LENGTH, multiline=False)
        authority = (self.authority or "").strip().lower().rstrip(".")
        if authority not in AUTHORITIES:
            raise InvalidInput("error.choice", field="signer_authority", value=self.authority)
        if authority and not title:
            raise InvalidInput("error.signer_title_required", field="signer_title")
        if authority and title.upper() in {t("docx.head_title", code) for code in ("vi", "en")}:
            raise InvalidInput("error.signer_title_is_head", field="signer_title", title=title.upper())
        return Signer(name, title, authority)

    @property
    def is_set(self) -> bool:
        return bool(self.title or self.name)

    def title_lines(self, lang: str) -> list[str]:
        """The bold capital lines above the signature ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG")."""
        if not self.title:
            return [PLACEHOLDER]
        head = t("docx.head_title", lang)
        lines = [t(f"docx.authority.{self.authority}", lang, head=head)] if self.authority else []
        return [*lines, self.title.upper()]

    def name_line(self) -> str:
        return self.name or PLACEHOLDER
