"""Tasks that misbehave on purpose, for tests/test_catalogue_celery.py only.

A test worker loads this module with `celery -A config worker -I tests.catalogue_tasks`;
the Job Board itself never imports it.
"""
import os
import signal
import time

from celery import shared_task


@shared_task(soft_time_limit=1)
def slow_report() -> str:
    time.sleep(30)  # the soft limit raises SoftTimeLimitExceeded inside this sleep
    return "done"


@shared_task(time_limit=1)
def stuck_import() -> str:
    time.sleep(30)  # the hard limit kills the pool process: no except block can run
    return "done"


@shared_task
def out_of_memory() -> str:
    os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does to a pool process
    return "never"
