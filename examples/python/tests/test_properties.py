"""Tests for properties.py: what the decorators page says about @property."""
import pytest

from properties import JobPost


def test_a_property_is_read_without_parentheses_and_recomputed():
    post = JobPost("Backend Dev", 85000)
    assert post.slug == "backend-dev"
    post.title = "Senior Backend Dev"
    assert post.slug == "senior-backend-dev"
    assert isinstance(JobPost.__dict__["slug"], property)


def test_a_property_without_a_setter_is_read_only():
    post = JobPost("Backend Dev", 1)
    with pytest.raises(AttributeError, match="has no setter"):
        post.slug = "other"


def test_the_setter_validates_in_init_and_later():
    with pytest.raises(ValueError, match="negative"):
        JobPost("Backend Dev", -1)
    post = JobPost("Backend Dev", 1)
    post.salary = 2
    assert post.salary == 2 and post._salary == 2
    with pytest.raises(ValueError):
        post.salary = -5
