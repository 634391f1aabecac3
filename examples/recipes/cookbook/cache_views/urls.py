from django.urls import path
from django.views.decorators.cache import cache_page

from . import views

# --8<-- [start:urls]
urlpatterns = [
    path("articles/", views.article_list),
    path("dashboard/", views.my_dashboard),
    # Cache in the URLconf instead, and keep the view itself cache-free:
    path("sidebar/", cache_page(60 * 15, key_prefix="sidebar")(views.sidebar_page)),
    path("sidebar-live/", views.sidebar_page),
    path("private/", views.private_page),
    path("contact-unsafe/", views.contact_unsafe),
    path("contact/", views.contact),
    path("articles/<int:pk>/", views.article_detail),
    path("api/articles/<int:pk>/", views.ArticleDetailAPI.as_view()),
]
# --8<-- [end:urls]

urlpatterns += [
    path("api/me/", views.MyProfileAPI.as_view()),
    path("api/me-leaky/", views.MyProfileLeakyAPI.as_view()),
]
