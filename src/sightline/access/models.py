"""The audit trail: one typed, append-only event for every read, change and export of a
child's record, and for sign-ins. Nobody can edit or delete an event: the model refuses,
and database triggers (see migration 0002) refuse too."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .events import EventType, Kind


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    Kind = Kind
    Type = EventType

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Kept as text too, so the trail reads the same after a user is renamed.
    actor_name = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What happened: one EventType per thing (see events.py); empty on events written before
    # types existed. Not a `choices` field, so adding a type needs no migration.
    event_type = models.CharField(max_length=50, null=True, blank=True, db_index=True)
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300)
    detail = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["child", "-at"]), models.Index(fields=["actor", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.what}: {self.summary}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")

    @property
    def what(self) -> str:
        if self.event_type in EventType.values:
            return EventType(self.event_type).label
        return self.get_kind_display()
