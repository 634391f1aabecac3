from django.shortcuts import render


def page(request):
    return render(request, "dj_static/page.html")
