"""f-string recipes: decimals, thousands, padding, percentages, dates and `=` for debugging."""
from datetime import datetime, timezone

# --8<-- [start:fstrings]
salary = 85000.5
rate = 0.1234
posted = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)
title = "Backend Developer"


def examples() -> dict[str, str]:
    return {
        "two decimals": f"{salary:.2f}",          # 85000.50  (rounds, keeps trailing zeros)
        "thousands": f"{salary:,.2f}",            # 85,000.50
        "percent": f"{rate:.1%}",                 # 12.3%    (multiplies by 100)
        "padded": f"[{title:<20}]",               # left-align in 20 characters
        "zero-filled": f"{7:03d}",                # 007
        "date": f"{posted:%Y-%m-%d %H:%M}",       # any strftime code after the colon
        "debug": f"{salary=}",                    # salary=85000.5  (Python 3.8+)
        "braces": f"{{not a field}} {title!r}",   # {{ }} print braces; !r uses repr()
    }
# --8<-- [end:fstrings]


if __name__ == "__main__":
    for name, text in examples().items():
        print(f"{name:>12}: {text}")
