from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sightline.people"
    label = "people"
    verbose_name = "People and workforce"
