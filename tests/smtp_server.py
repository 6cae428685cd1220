"""A real SMTP server inside the test process (aiosmtpd): the mail tests and the settings page's
tests start one per test, so CI needs no mail server of its own."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def text(self) -> str:
        """The decoded body with the wire's CRLF line ends as newlines."""
        return str(self.message.get_content()).replace("\r\n", "\n")


@dataclass
class Inbox:
    """What the server accepted; addresses in ``refuse`` get a permanent 550."""

    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 Hộp thư không tồn tại / mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        msg = message_from_bytes(raw, policy=policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg, raw))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """With ``login`` (user, password) the server demands AUTH (over plain TCP: a test only)."""

    def __init__(
        self, login: tuple[str, str] | None = None, tls: str | None = None, context: ssl.SSLContext | None = None
    ) -> None:
        """``tls``: "starttls" (the server demands STARTTLS before MAIL) or "ssl" (SMTP over TLS
        from the first byte), with ``context`` holding the server's certificate."""
        self.inbox = Inbox()
        self.port = _free_port()
        self.login = login
        self.tls = tls
        self.context = context
        self.controller: Controller | None = None

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = self.login is not None and (data.login.decode(), data.password.decode()) == self.login
        return AuthResult(success=ok, handled=False)  # aiosmtpd then answers 535 itself

    def start(self) -> None:
        # SMTPUTF8 off: the messages must travel as plain 7-bit with encoded headers.
        auth: dict[str, Any] = {}
        if self.login:
            auth = {"authenticator": self._authenticate, "auth_required": True, "auth_require_tls": False}
        if self.tls == "starttls":
            auth.update(tls_context=self.context, require_starttls=True)
        elif self.tls == "ssl":
            auth.update(ssl_context=self.context)
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, decode_data=False, **auth)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
