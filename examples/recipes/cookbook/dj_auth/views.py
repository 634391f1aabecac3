from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required(login_url="dj-auth-login")
def home(request):
    return render(request, "dj_auth/home.html")


# --8<-- [start:plain-login-required]
@login_required  # no login_url: anonymous users go to settings.LOGIN_URL
def dashboard(request):
    return render(request, "dj_auth/home.html")
# --8<-- [end:plain-login-required]
