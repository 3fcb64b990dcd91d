"""An existing county is never overwritten by accident; --replace swaps it in one transaction,
and never deletes audit events (so it refuses when one names a child)."""

from datetime import date

import pytest

from sightline.access.models import AuditEvent
from sightline.people.models import Child, Worker
from sightline.synth.county.run import CountyExists, generate
from sightline.synth.county.writer import ReplaceRefused

pytestmark = pytest.mark.django_db
AS_OF = date(2024, 6, 30)


def _small(seed=3, **kw):
    return generate(800, 1, seed, as_of=AS_OF, progress=False, **kw)


def test_a_second_county_is_refused_without_replace():
    _small()
    before = Child.objects.count()
    with pytest.raises(CountyExists, match="--replace"):
        _small()
    assert Child.objects.count() == before


def test_replace_deletes_the_county_and_writes_the_same_one_again():
    first = _small(seed=4)
    users = list(
        Worker.objects.filter(user__isnull=False)
        .order_by("user__username")
        .values_list("user__username", "user_id")
    )
    second = _small(seed=4, replace=True)
    assert second.rows == first.rows
    assert Child.objects.count() == first.rows["child"]
    again = list(
        Worker.objects.filter(user__isnull=False)
        .order_by("user__username")
        .values_list("user__username", "user_id")
    )
    assert again == users  # demo users are reused, not duplicated
    assert AuditEvent.objects.filter(kind="generate").count() == 2


def test_replace_refuses_when_the_audit_trail_names_a_child():
    _small(seed=5)
    child = Child.objects.order_by("pk").first()
    AuditEvent.objects.create(actor_name="system", kind="view", child=child, summary="Viewed")
    with pytest.raises(ReplaceRefused, match="Audit events"):
        _small(seed=5, replace=True)
    assert Child.objects.filter(pk=child.pk).exists()
