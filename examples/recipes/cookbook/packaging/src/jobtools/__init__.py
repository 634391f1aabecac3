"""A tiny installable package: `pip install -e .` makes `import jobtools` work from any folder."""
