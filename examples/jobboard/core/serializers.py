"""JSON types, as the contract writes them.

DRF converts what it can: 5 becomes "5" for a string field, "5" becomes 5 for an integer field,
"true" and 1 become True. The contract says `type: string`, `integer`, `boolean`, so a client
reading it would never send the other type, and a server that takes it anyway accepts requests
the contract calls invalid (a typed client in another language then disagrees with it). This
mixin refuses a value of the wrong JSON type, with a 400 that names the field, before DRF's own
conversion runs.
"""
from rest_framework import serializers

# The JSON types each DRF field accepts, in the order DRF checks field classes (subclasses first).
JSON_TYPES = (
    (serializers.BooleanField, (bool,)),
    (serializers.ChoiceField, (str,)),
    (serializers.CharField, (str,)),           # EmailField, URLField, SlugField, RegexField too
    (serializers.IntegerField, (int,)),
    (serializers.FloatField, (int, float)),
    (serializers.DecimalField, (str,)),        # the contract writes decimals as strings
    (serializers.DateTimeField, (str,)),
    (serializers.DateField, (str,)),
    (serializers.PrimaryKeyRelatedField, (int,)),
)
NAMES = {bool: "a boolean", str: "a string", int: "an integer", float: "a number"}


def expected_types(field) -> tuple | None:
    for field_class, types in JSON_TYPES:
        if isinstance(field, field_class):
            return types
    return None


class JSONTypesMixin:
    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(field.field_name, None)
                types = expected_types(field)
                if field.read_only or value is None or types is None:
                    continue
                # bool is an int in Python; JSON keeps them apart.
                if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                    errors[name] = [self._wrong_type(field, value)]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


    @staticmethod
    def _wrong_type(field, value) -> serializers.ErrorDetail:
        # DRF's own words where it has them ("Incorrect type. Expected pk value, received str.").
        if "incorrect_type" in field.error_messages:
            text = field.error_messages["incorrect_type"].format(data_type=type(value).__name__)
            return serializers.ErrorDetail(text, code="incorrect_type")
        return serializers.ErrorDetail(f"Must be {NAMES[expected_types(field)[0]]}.", code="invalid")


class JSONSerializer(JSONTypesMixin, serializers.Serializer):
    """A Serializer that takes each field's JSON type only (see above)."""


class JSONModelSerializer(JSONTypesMixin, serializers.ModelSerializer):
    """A ModelSerializer that takes each field's JSON type only (see above)."""
