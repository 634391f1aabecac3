"""A ROOT_URLCONF for the error-envelope recipe's tests: handler404 and handler500 only work in
the project's root URLconf, so the test switches to this one."""
from django.urls import include, path

urlpatterns = [path("drfcook/", include("cookbook.drfcook.urls"))]

# --8<-- [start:error-handlers]
handler404 = "cookbook.drfcook.exceptions.json_not_found"
handler500 = "cookbook.drfcook.exceptions.json_server_error"
# --8<-- [end:error-handlers]
