from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "sightline.administration"
    label = "administration"
    verbose_name = "Administration"
