"""Short codes for a URL shortener (docs/concepts/system-design.md): base62 of a row id."""
import string

# --8<-- [start:base62]
ALPHABET = string.digits + string.ascii_lowercase + string.ascii_uppercase  # 62 symbols


def encode(number: int) -> str:
    """Row id -> short code: 125 -> "21" (2 * 62 + 1). Seven symbols cover 62**7 ids."""
    if number < 0:
        raise ValueError("ids are not negative")
    code = ""
    while True:
        number, rest = divmod(number, 62)
        code = ALPHABET[rest] + code
        if number == 0:
            return code


def decode(code: str) -> int:
    """Short code -> row id, so the redirect is one primary-key lookup."""
    number = 0
    for symbol in code:
        number = number * 62 + ALPHABET.index(symbol)
    return number
# --8<-- [end:base62]
