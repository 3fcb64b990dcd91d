"""What Sightline keeps about a sign-in beyond Django's user: whether its password is a
temporary one, set by an administrator, that must be changed before anything else.

A user with no row here signs in as usual: only sign-ins an administrator made or reset have one.
"""

from django.conf import settings
from django.db import models


class SignInState(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_state"
    )
    # True from the moment an administrator sets a password (nobody but the worker should know
    # theirs) until the worker chooses their own.
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        state = "must change password" if self.must_change_password else "own password"
        return f"{self.user.get_username()}: {state}"
