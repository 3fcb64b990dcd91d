from django.apps import AppConfig


class CinConfig(AppConfig):
    name = "sightline.cin"
    label = "cin"
    verbose_name = "Children in need"
