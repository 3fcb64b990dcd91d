from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "sightline.leaving_care"
    label = "leaving_care"
    verbose_name = "Leaving care"
