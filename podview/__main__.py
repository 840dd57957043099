"""`python -m podview` runs the command line."""

from podview.cli import main

raise SystemExit(main())
