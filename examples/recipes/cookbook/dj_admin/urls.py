"""The admin site, mounted at /dj_admin/ for the tests of the admin recipes."""
from django.contrib import admin
from django.urls import path

urlpatterns = [path("", admin.site.urls)]
