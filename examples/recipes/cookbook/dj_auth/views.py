from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required(login_url="dj-auth-login")
def home(request):
    return render(request, "dj_auth/home.html")
