"""Shared fixtures for the recipes' tests."""
import os

import pytest


def pytest_collection_modifyitems(config, items):
    """Tests marked `services` run in the services tier (make test-services starts PostgreSQL, Redis
    and RabbitMQ and sets NEXUS_SERVICES=1); elsewhere they are skipped, and say why."""
    if os.environ.get("NEXUS_SERVICES") == "1":
        return
    skip = pytest.mark.skip(reason="needs real services: run make test-services")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)
