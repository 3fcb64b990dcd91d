from django.apps import AppConfig


class LadoConfig(AppConfig):
    name = "sightline.lado"
    label = "lado"
    verbose_name = "LADO"
