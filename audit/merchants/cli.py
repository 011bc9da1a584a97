"""``audit merchants`` sub-commands (placeholder until the merchant lists land)."""


def register(subparsers) -> None:  # noqa: D103
    pass
