"""App configuration for performance: keeps the working-day table in step with the calendar."""

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sightline.performance"
    label = "performance"
    verbose_name = "Performance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from sightline.timescales.models import ClosureDay

        from . import working_days

        # The indicators count working days with a join on this table, so it must exist as
        # soon as the tables do, and follow every change to the council's closure days.
        post_migrate.connect(
            working_days.refresh_after_migrate, dispatch_uid="performance.working_days.migrate"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                working_days.refresh_after_closure_change,
                sender=ClosureDay,
                dispatch_uid=f"performance.working_days.{signal is post_save}",
            )
