from django.apps import AppConfig


class CasenotesConfig(AppConfig):
    name = "sightline.casenotes"
    label = "casenotes"
    verbose_name = "Case recording"
