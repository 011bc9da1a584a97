"""``audit eval`` (placeholder until recurring detection lands)."""


def register(subparsers) -> None:  # noqa: D103
    pass
