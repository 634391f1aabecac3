"""Three ways to print the same data: a checker compares the text exactly."""

import json

squares = [n * n for n in range(1, 4)]
print(squares)
print(*squares)
print(True, json.dumps(True))
