# --8<-- [start:view]
from django.shortcuts import redirect, render

from .forms import SubscriberForm


def subscribe(request):
    if request.method == "POST":
        form = SubscriberForm(request.POST)
        if form.is_valid():
            form.save()                       # INSERT: only reached when every check passed
            return redirect("dj-forms-thanks")  # redirect after POST: a reload won't resubmit
    else:
        form = SubscriberForm()
    # An invalid form is rendered again, with its errors and the user's input.
    return render(request, "dj_forms/subscribe.html", {"form": form})
# --8<-- [end:view]


def thanks(request):
    return render(request, "dj_forms/thanks.html")
