def slugify(title: str) -> str:
    """'Backend Developer' -> 'backend-developer'."""
    return "-".join(title.lower().split())
