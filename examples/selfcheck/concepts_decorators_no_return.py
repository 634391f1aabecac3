"""A decorator written without functools.wraps and without return."""


def logged(func):
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        func(*args, **kwargs)

    return wrapper


@logged
def add(a: int, b: int) -> int:
    return a + b


print(add(2, 3), add.__name__)
