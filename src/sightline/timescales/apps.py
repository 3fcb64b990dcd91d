"""App configuration for timescales: wires cache invalidation to the models it caches."""

from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "sightline.timescales"
    label = "timescales"
    verbose_name = "Timescales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connected here rather than in models.py so that calendar.py and declarations.py stay
        # importable (and testable) without a configured Django project.
        from django.db.models.signals import post_delete, post_save

        from . import calendar, declarations
        from .models import ClosureDay, LocalTimescale

        for signal in (post_save, post_delete):
            signal.connect(
                calendar.clear_cache_on_change,
                sender=ClosureDay,
                dispatch_uid=f"timescales.calendar.{signal is post_save}",
            )
            signal.connect(
                declarations.clear_cache_on_change,
                sender=LocalTimescale,
                dispatch_uid=f"timescales.declarations.{signal is post_save}",
            )
        # Rollbacks fire no signal, so a row written and rolled back (a failed form, a test)
        # could otherwise linger in the cache; the TTL in each module bounds that, and across
        # processes it bounds changes made elsewhere (a management command, another worker).

        # Each domain app declares its own rules in `<app>/timescale_rules.py` using the
        # `@rule` decorator from timescales.rules; importing them registers them once.
        from sightline.plugins import discover

        discover("timescale_rules")
