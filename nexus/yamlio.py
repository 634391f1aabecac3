"""YAML as every part of the hub reads it: safe, and through libyaml (PyYAML's C loader, which
its wheels carry) where it is there. The pure-Python loader was half the time of the page checks
(9 of 17 s, profiled) and 7% of a build; the C one reads the same documents into the same
objects, with the same line numbers on nodes and errors."""
import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text):
    """yaml.safe_load, faster."""
    return yaml.load(text, Loader=SafeLoader)


def compose(text):
    """The node tree, with each node's line (node.start_mark.line, 0-based), for messages that
    name a line. Tags such as mkdocs.yml's !ENV are kept, not constructed."""
    return yaml.compose(text, Loader=SafeLoader)
