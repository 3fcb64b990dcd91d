from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "sightline.family"
    label = "family"
    verbose_name = "The child's details and network"
