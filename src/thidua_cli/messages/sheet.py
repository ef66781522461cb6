"""Messages: sheet."""

MESSAGES: dict[str, tuple[str, str]] = {
}
