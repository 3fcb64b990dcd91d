from django.apps import AppConfig


class ChildRecordConfig(AppConfig):
    name = "sightline.child_record"
    label = "child_record"
    verbose_name = "The child's record"
