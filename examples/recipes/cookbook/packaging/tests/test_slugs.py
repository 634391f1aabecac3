# --8<-- [start:test-import]
from jobtools.slugs import slugify   # the installed package, not a path hack


def test_slugify():
    assert slugify("Backend Developer") == "backend-developer"
# --8<-- [end:test-import]
