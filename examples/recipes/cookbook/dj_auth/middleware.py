"""A middleware that reads request.user, for the middleware-order entry of
docs/troubleshooting/django.md."""


# --8<-- [start:middleware]
def username_header(get_response):
    def middleware(request):
        # request.user exists only once AuthenticationMiddleware has run on this request.
        name = request.user.get_username() or "anonymous"
        response = get_response(request)
        response["X-Username"] = name
        return response
    return middleware
# --8<-- [end:middleware]
