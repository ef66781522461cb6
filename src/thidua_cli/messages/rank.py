"""Messages: rank."""

MESSAGES: dict[str, tuple[str, str]] = {
}
