"""Logger levels, handler levels and records travelling up the logger tree."""

import logging
import sys

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
root = logging.getLogger()
root.addHandler(handler)
root.setLevel(logging.WARNING)

jobs = logging.getLogger("jobboard.jobs")
jobs.setLevel(logging.INFO)
payments = logging.getLogger("jobboard.payments")  # no level of its own

jobs.debug("cache miss for %s", "jobs:list")
jobs.info("job %s created", 7)
payments.info("payment %s verified", 42)
payments.error("payment %s failed", 43)
