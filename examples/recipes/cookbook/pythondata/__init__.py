"""Python data recipes for docs/howto/python.md: JSON files, dates and times, text files."""
