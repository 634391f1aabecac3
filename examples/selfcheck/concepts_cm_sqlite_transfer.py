"""Call transfer() from examples/python/context_managers.py with too little money."""

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from context_managers import InsufficientFunds, transfer  # noqa: E402

conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER)")
conn.executemany("INSERT INTO accounts VALUES (?, ?)", [(1, 100), (2, 0)])
conn.commit()

try:
    transfer(conn, source=1, target=2, amount=500)
except InsufficientFunds as exc:
    print("refused:", exc)
print(dict(conn.execute("SELECT id, balance FROM accounts")))
