from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404


def profile(request, pk):
    """Raises Http404 for a missing user: with DEBUG off, Django then renders 404.html."""
    user = get_object_or_404(get_user_model(), pk=pk)
    return HttpResponse(user.get_username())


def boom(request):
    raise RuntimeError("a bug: with DEBUG off, Django renders 500.html")
