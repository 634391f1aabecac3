"""@property: a method you read like an attribute, with an optional setter that validates."""

# --8<-- [start:property]
class JobPost:
    def __init__(self, title: str, salary: int) -> None:
        self.title = title
        self.salary = salary            # goes through the setter below, so it is checked too

    @property
    def slug(self) -> str:              # read-only, computed each time: post.slug, no ()
        return self.title.lower().replace(" ", "-")

    @property
    def salary(self) -> int:
        return self._salary             # the value lives under another name

    @salary.setter
    def salary(self, value: int) -> None:   # runs on post.salary = ...
        if value < 0:
            raise ValueError("salary cannot be negative")
        self._salary = value
# --8<-- [end:property]
