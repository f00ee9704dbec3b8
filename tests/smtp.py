"""A real SMTP server for tests (aiosmtpd), on a free local port, keeping what it received."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    authenticated: bool = False

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()


@dataclass
class Inbox:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,
                                      bool(session.authenticated)))
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


def free_port() -> int:
    # aiosmtpd's Controller checks it is up by connecting to the port it was given, so port 0
    # does not work: take a free one from the system first.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def password_check(login: str, password: str):
    """An aiosmtpd authenticator accepting one login and password."""

    def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == login.encode() \
            and auth_data.password == password.encode()
        return AuthResult(success=ok)

    return check


@contextmanager
def smtp_server(credentials: tuple[str, str] | None = None) -> Iterator[tuple[Inbox, int]]:
    """With credentials, the server offers AUTH over plain SMTP (a test on one machine) and
    records whether each message came from a logged-in client."""
    inbox = Inbox()
    port = free_port()
    extra = {}
    if credentials:
        extra = {"authenticator": password_check(*credentials), "auth_require_tls": False}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
