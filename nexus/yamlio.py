"""YAML as every part of the hub reads it: safe, and through libyaml (PyYAML's C loader, which
its wheels carry) where it is there. The pure-Python loader was half the time of the page checks
(9 of 17 s, profiled) and 7% of a build; the C one reads the same documents into the same
objects, with the same line numbers on nodes. Its error messages are another matter (an
unclosed `[` is blamed on the line after it), so a document it rejects is read again by the
pure-Python loader, whose error is the one raised: errors are rare, their messages are what a
contributor reads."""
import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(read, text, fast, slow):
    try:
        return read(text, Loader=fast)
    except yaml.YAMLError:
        return read(text, Loader=slow)


def load(text, fast=SafeLoader, slow=yaml.SafeLoader):
    """yaml.safe_load, faster; `fast` and `slow` are SafeLoader subclasses with the same constructors."""
    return _read(yaml.load, text, fast, slow)


def compose(text):
    """The node tree, with each node's line (node.start_mark.line, 0-based), for messages that
    name a line. Tags such as mkdocs.yml's !ENV are kept, not constructed."""
    return _read(yaml.compose, text, SafeLoader, yaml.SafeLoader)
