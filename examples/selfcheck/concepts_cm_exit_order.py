"""Two context managers in one with statement; the outer one returns True."""


class Step:
    def __init__(self, name: str, swallow: bool = False) -> None:
        self.name = name
        self.swallow = swallow

    def __enter__(self) -> "Step":
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return self.swallow


with Step("outer", swallow=True), Step("inner"):
    raise KeyError("job-7")
print("after")
