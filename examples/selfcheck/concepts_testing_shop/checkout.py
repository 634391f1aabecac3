from concepts_testing_shop.rates import fetch_rate


def total() -> str:
    return fetch_rate()
