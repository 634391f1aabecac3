"""Code under test for the parametrize and pytest.raises recipes."""
# --8<-- [start:salaries]
def parse_salary(text: str) -> int:
    """'85,000' -> 85000; 'negotiable' -> ValueError."""
    cleaned = text.replace(",", "").replace("_", "").strip()
    if not cleaned.isdigit():
        raise ValueError(f"not a salary: {text!r}")
    return int(cleaned)
# --8<-- [end:salaries]
