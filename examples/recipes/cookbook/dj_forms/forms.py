# --8<-- [start:form]
from django import forms

from .models import Subscriber

BLOCKED_DOMAINS = {"mailinator.com", "example.invalid"}


class SubscriberForm(forms.ModelForm):
    confirm_email = forms.EmailField(label="Email again")  # a form field, not a model field

    class Meta:
        model = Subscriber
        fields = ["name", "email", "weekly"]

    def clean_email(self):
        """One field: runs after the field's own checks passed; return the cleaned value."""
        email = self.cleaned_data["email"].lower()
        if email.split("@")[1] in BLOCKED_DOMAINS:
            raise forms.ValidationError("Please use a permanent email address.")
        return email

    def clean(self):
        """Several fields together: errors here are 'non-field' errors."""
        cleaned = super().clean()
        email, again = cleaned.get("email"), cleaned.get("confirm_email")
        if email and again and email != again.lower():
            raise forms.ValidationError("The two email addresses differ.")
        return cleaned
# --8<-- [end:form]
