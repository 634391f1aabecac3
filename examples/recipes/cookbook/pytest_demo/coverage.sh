# Coverage with pytest-cov. Regions run by recipes/tests/test_testing.py in a copy of this folder.

# --8<-- [start:report]
python -m pytest --cov=. --cov-report=term-missing   # --cov=<your package>, e.g. --cov=jobs
# --8<-- [end:report]

# --8<-- [start:fail-under]
python -m pytest --cov=. --cov-fail-under=95         # CI: the run fails below 95 % in total
# --8<-- [end:fail-under]
