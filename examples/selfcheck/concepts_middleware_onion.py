"""Django-style middleware factories around a view; one layer short-circuits."""


def make(name: str, block: bool = False):
    def factory(get_response):  # called once, with the next layer in
        def middleware(request: str) -> str:
            print("in", name)
            response = "403" if block else get_response(request)
            print("out", name)
            return response

        return middleware

    return factory


def view(request: str) -> str:
    print("view")
    return "200"


# MIDDLEWARE = [logging, blocklist, auth]: wrap from the innermost layer outwards.
handler = view
for factory in reversed([make("logging"), make("blocklist", block=True), make("auth")]):
    handler = factory(handler)
print(handler("GET /api/jobs/"))
