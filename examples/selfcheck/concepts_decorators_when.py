"""When does a decorator's own body run, and when does the function run?"""


def register(func):
    print("registering", func.__name__)
    return func


print("start")


@register
def nightly_cleanup() -> None:
    print("running nightly_cleanup")


print("defined")
nightly_cleanup()
