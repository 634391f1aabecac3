"""Checks of the API-design answers that describe DRF behaviour without a recipe of their own:
docs/collab/api-contracts.md (decimals and nulls in JSON) and docs/concepts/rest-design.md
(several objects in one request)."""
from decimal import Decimal

from rest_framework import serializers
from rest_framework.renderers import JSONRenderer


class Price(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)


class PriceAsNumber(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False)


def test_decimals_travel_as_strings_unless_told_otherwise():
    """docs/collab/api-contracts.md#api-contracts-decimals"""
    assert JSONRenderer().render(Price({"amount": Decimal("12.5")}).data) == b'{"amount":"12.50"}'
    assert JSONRenderer().render(PriceAsNumber({"amount": Decimal("12.5")}).data) == b'{"amount":12.5}'
    for sent in ("12.50", 12.5):  # DRF reads either form
        incoming = Price(data={"amount": sent})
        assert incoming.is_valid() and incoming.validated_data["amount"] == Decimal("12.50")
    too_precise = Price(data={"amount": "12.505"})
    assert not too_precise.is_valid()
    assert str(too_precise.errors["amount"][0]) == "Ensure that there are no more than 2 decimal places."


class Job(serializers.Serializer):
    title = serializers.CharField()
    salary = serializers.IntegerField(allow_null=True)


def test_a_field_without_a_value_is_sent_as_null():
    """docs/collab/api-contracts.md#api-contracts-null-fields"""
    assert JSONRenderer().render(Job({"title": "Backend", "salary": None}).data) == \
        b'{"title":"Backend","salary":null}'


def test_many_true_validates_a_list_and_reports_errors_per_item():
    """docs/concepts/rest-design.md#bulk-create"""
    good = Job(data=[{"title": "Backend", "salary": 1}, {"title": "Frontend", "salary": None}], many=True)
    assert good.is_valid() and len(good.validated_data) == 2
    bad = Job(data=[{"title": "Backend", "salary": 1}, {"salary": 2}], many=True)
    assert not bad.is_valid()
    assert bad.errors == {1: {"title": ["This field is required."]}}  # DRF 3.18: only failing items, by index
    assert JSONRenderer().render(bad.errors) == b'{"1":{"title":["This field is required."]}}'
    not_a_list = Job(data={"title": "Backend", "salary": 1}, many=True)
    assert not not_a_list.is_valid()
    assert str(not_a_list.errors["non_field_errors"][0]) == \
        'Expected a list of items but got type "dict".'


def test_a_login_without_a_password_is_a_400():
    """docs/concepts/rest-design.md#login-failed-status: a malformed login is a validation error (400);
    wrong credentials are a 401 (recipes/tests/test_auth.py::test_login_with_email)."""
    from rest_framework_simplejwt.serializers import TokenObtainPairSerializer

    login = TokenObtainPairSerializer(data={"username": "abel"})
    assert not login.is_valid()
    assert login.errors == {"password": ["This field is required."]}


def test_big_integers_can_travel_as_strings():
    """docs/collab/api-contracts.md#api-contracts-bigint"""
    class Row(serializers.Serializer):
        id = serializers.BigIntegerField()

    class RowAsString(serializers.Serializer):
        id = serializers.BigIntegerField(coerce_to_string=True)

    big = 2**53 + 1  # 9007199254740993: a JavaScript number cannot hold it exactly
    assert JSONRenderer().render(Row({"id": big}).data) == b'{"id":9007199254740993}'
    assert JSONRenderer().render(RowAsString({"id": big}).data) == b'{"id":"9007199254740993"}'
    incoming = RowAsString(data={"id": "9007199254740993"})
    assert incoming.is_valid() and incoming.validated_data["id"] == big


def test_a_list_in_multipart_form_data():
    """docs/collab/api-contracts.md#file-uploads-from-the-frontend: which keys DRF reads as a list."""
    from django.http import QueryDict

    class Tagged(serializers.Serializer):
        tags = serializers.ListField(child=serializers.CharField())

    for body in ("tags=python&tags=django", "tags[0]=python&tags[1]=django"):
        form = Tagged(data=QueryDict(body))
        assert form.is_valid() and form.validated_data["tags"] == ["python", "django"]
    brackets = Tagged(data=QueryDict("tags[]=python&tags[]=django"))
    assert not brackets.is_valid()
    assert brackets.errors == {"tags": ["This field is required."]}
