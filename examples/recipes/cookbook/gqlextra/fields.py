"""A custom model field that graphene-django has no converter for (docs/troubleshooting/graphql.md)."""
import graphene
from django.db import models
from graphene_django.converter import convert_django_field


class MoneyField(models.Field):
    """An amount in cents, stored as a big integer column (like many third-party fields)."""

    def get_internal_type(self):
        return "BigIntegerField"


# --8<-- [start:register-converter]
@convert_django_field.register(MoneyField)
def convert_money_field(field, registry=None):
    return graphene.Int(description=field.help_text or None, required=not field.null)
# --8<-- [end:register-converter]
