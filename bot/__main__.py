"""`python -m bot` is the `filmclub` command."""

from bot.cli import main

raise SystemExit(main())
