from django.urls import path

from . import views

urlpatterns = [
    path("whoami/", views.whoami),
    path("whoami/broken/", views.whoami_broken),
    path("export/sync/", views.export_sync_generator),
    path("export/", views.export_async_generator),
    path("export/wsgi/", views.export_for_wsgi),
]
