"""`python -m generator` runs the charter CLI."""

from generator.cli import main

main()
