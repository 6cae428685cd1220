"""E-mail (issue 13): an outbox written in the same transaction as the change that caused each
message, a sender that delivers it over SMTP with retries, the reminder rules and the daily run,
the weekly digest and the Office's công văn đôn đốc. No UI here; the CLI is tracker/cli_mail.py."""
