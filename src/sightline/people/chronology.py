"""The people app's entries in a child's chronology: the birth and each allocation.

Every app adds its own records the same way, in its `chronology.py` (see `sightline.plugins`);
the child's record gathers them in `sightline.child_record`. The chronology is a projection of
the records themselves (principle: one record, many views), so it can never disagree with the
returns or the indicators.
"""

from collections.abc import Iterator

from sightline.plugins import Entry

from .models import Child


def entries(child: Child) -> Iterator[Entry]:
    if child.date_of_birth:
        yield Entry.at(child.date_of_birth, "Personal details", "Born")
    for a in child.allocations.select_related("worker"):
        yield Entry.at(a.start_date, "Allocation", f"{a.get_kind_display()}: {a.worker.full_name}")
