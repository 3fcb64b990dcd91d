"""Early help's entries in a child's chronology: when it started and ended (gathered with every
app's entries by `sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry

EARLY_HELP = Area("Early help")


def entries(child) -> Iterator[Entry]:
    for e in child.early_help_episodes.all():
        yield EARLY_HELP(e.start_date, "Early help started", e.get_origin_display())
        if e.end_date:
            yield EARLY_HELP(e.end_date, "Early help ended", e.get_end_reason_display())
