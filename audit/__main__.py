"""``python -m audit`` runs the command-line interface."""

from audit.cli import main

raise SystemExit(main())
