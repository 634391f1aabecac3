"""Enqueue after the commit (docs/howto/celery.md#celery-on-commit); tests/test_celery.py runs it."""
from django.contrib.auth import get_user_model
from django.db import transaction

from .tasks import greet_new_user


# --8<-- [start:on-commit]
def sign_up(username, email):
    with transaction.atomic():
        user = get_user_model().objects.create_user(username, email)
        # Not .delay(): a fast worker would look for this row before COMMIT
        # and raise User.DoesNotExist. delay_on_commit() publishes after it.
        greet_new_user.delay_on_commit(user.pk)
        # Celery before 5.4: transaction.on_commit(lambda: greet_new_user.delay(user.pk))
    return user
# --8<-- [end:on-commit]
