from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "sightline.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        from . import audit  # noqa: F401 - connects the sign-in signal receivers
