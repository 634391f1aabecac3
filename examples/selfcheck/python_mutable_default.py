"""Self-check, tech/python.md: a default argument is evaluated once, when `def` runs."""


def add(item, items=[]):
    items.append(item)
    return items


add("a")
print(add("b"))
