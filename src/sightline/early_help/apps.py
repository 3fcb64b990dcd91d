from django.apps import AppConfig


class EarlyHelpConfig(AppConfig):
    name = "sightline.early_help"
    label = "early_help"
    verbose_name = "Early help"
