"""Building one message and handing it to SMTP, or to the outbox folder (one .eml file each)."""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import tempfile
import uuid
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import urlsplit

from flask import current_app

log = logging.getLogger(__name__)


class MailError(RuntimeError):
    """The message could not be built or handed over; the message says why."""


def _one_line(text: str) -> str:
    """Header values on one line: a line break in a header would start a new header."""
    return " ".join(str(text).split())


def _checked_address(address: str) -> str:
    address = (address or "").strip()
    name, addr = parseaddr(address)
    if not addr or "@" not in addr or any(c in address for c in "\r\n,;"):
        raise MailError(f"Not one email address: {address!r}.")
    return address


def sender() -> str:
    """MAIL_FROM, or no-reply at the site's own host name."""
    configured = current_app.config.get("MAIL_FROM")
    if configured:
        return configured
    host = urlsplit(str(current_app.config["SITE_URL"])).hostname or "localhost"
    return str(Address("Resolution Registry", "no-reply", host))


def unsubscribe_headers(url: str, one_click: bool = False) -> dict[str, str]:
    """List-Unsubscribe (RFC 2369) pointing at `url`; with one_click, the RFC 8058 header too,
    which promises that a POST to `url` unsubscribes without a login or a confirmation."""
    headers = {"List-Unsubscribe": f"<{url}>"}
    if one_click:
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def build(to: str, subject: str, text: str, html: str | None = None,
          headers: dict[str, str] | None = None) -> EmailMessage:
    message = EmailMessage()
    from_address = _checked_address(sender())
    message["From"] = from_address
    message["To"] = _checked_address(to)
    message["Subject"] = _one_line(subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = parseaddr(from_address)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies, please
    for name, value in (headers or {}).items():
        message[_one_line(name)] = _one_line(value)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def send(to: str, subject: str, text: str, html: str | None = None,
         headers: dict[str, str] | None = None) -> str:
    """Send one message to one address; returns its Message-ID. Raises MailError when it cannot
    be built or handed over (callers decide whether that matters: a decision never waits on it)."""
    try:
        message = build(to, subject, text, html, headers)
    except (ValueError, TypeError) as error:
        raise MailError(f"The message could not be built: {error}") from error
    if current_app.config.get("MAIL_SERVER"):
        _deliver(message)
    else:
        path = _write_to_outbox(message)
        if not (current_app.debug or current_app.testing):
            log.warning("MAIL_SERVER is not set: email to %s written to %s, not sent.", to, path)
    return message["Message-ID"]


def _deliver(message: EmailMessage) -> None:
    config = current_app.config
    server, timeout = config["MAIL_SERVER"], float(config.get("MAIL_TIMEOUT") or 10)
    use_ssl, use_tls = bool(config.get("MAIL_USE_SSL")), bool(config.get("MAIL_USE_TLS"))
    port = int(config.get("MAIL_PORT") or (465 if use_ssl else 587 if use_tls else 25))
    try:
        if use_ssl:
            connection = smtplib.SMTP_SSL(server, port, timeout=timeout,
                                          context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(server, port, timeout=timeout)
        with connection:
            if use_tls:
                connection.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                connection.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            connection.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"The mail server {server}:{port} did not take the message: {error}") \
            from error


def outbox_folder() -> str:
    return current_app.config.get("MAIL_OUTBOX") or os.path.join(current_app.instance_path, "outbox")


def _write_to_outbox(message: EmailMessage) -> str:
    """One .eml file per message, written whole (temporary file, then renamed)."""
    folder = outbox_folder()
    try:
        os.makedirs(folder, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = os.path.join(folder, f"{stamp}-{uuid.uuid4().hex[:12]}.eml")
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(message.as_bytes())
        os.replace(temporary, path)
    except OSError as error:
        raise MailError(f"The message could not be written to the outbox {folder}: {error}") \
            from error
    return path
