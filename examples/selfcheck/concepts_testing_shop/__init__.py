"""A two-module package for the 'patch where it is looked up' self-check."""
