from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "sightline.assessments"
    label = "assessments"
    verbose_name = "Assessments"
