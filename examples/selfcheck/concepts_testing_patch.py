"""Patch a function in the module that defines it, then where it is used.

concepts_testing_shop/checkout.py does `from concepts_testing_shop.rates import fetch_rate`.
"""

from unittest import mock

from concepts_testing_shop import checkout

with mock.patch("concepts_testing_shop.rates.fetch_rate", return_value="mocked"):
    print(checkout.total())

with mock.patch("concepts_testing_shop.checkout.fetch_rate", return_value="mocked"):
    print(checkout.total())
