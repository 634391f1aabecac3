"""Log in with an email address (docs/howto/auth.md#auth-login-with-email)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


# --8<-- [start:email-backend]
class EmailBackend(ModelBackend):
    """authenticate(email=..., password=...) or authenticate(username=<an email>, ...)."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = email or username
        if not login or password is None:
            return None
        User = get_user_model()
        try:
            user = User._default_manager.get(email__iexact=login)
        except User.DoesNotExist:
            User().set_password(password)  # spend the same time as a real check: no user enumeration
            return None
        except User.MultipleObjectsReturned:
            return None  # make email unique in your user model so this never happens
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
# --8<-- [end:email-backend]
