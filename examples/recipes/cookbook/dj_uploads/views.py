from django.shortcuts import redirect, render

from .forms import DocumentForm
from .models import Document


# --8<-- [start:view]
def upload(request):
    if request.method == "POST":
        # Files arrive in request.FILES, not request.POST: pass both.
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            form.save()
            return redirect("dj-uploads")
    else:
        form = DocumentForm()
    return render(request, "dj_uploads/upload.html",
                  {"form": form, "documents": Document.objects.order_by("-id")})
# --8<-- [end:view]
