"""Email from the registry: `send(to, subject, text, html=None, headers=None)`, carried by the SMTP
server the environment names (MAIL_SERVER …), or written to an outbox folder when none is set."""

from registry.mail.sending import MailError, send, unsubscribe_headers

__all__ = ["MailError", "send", "unsubscribe_headers"]
