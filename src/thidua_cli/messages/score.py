"""Messages: score."""

MESSAGES: dict[str, tuple[str, str]] = {
}
