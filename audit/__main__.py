"""``python -m audit`` runs the command-line interface."""

from audit.cli import run

raise SystemExit(run())
