"""`python -m nexus` is the `nexus` command (nexus/cli.py)."""
import sys

from nexus.cli import main

sys.exit(main())
