"""Writing generated rows to the database: plain tuples, large batches, one transaction.

The generator appends tuples to `Output`, one list per table, in the field order declared in
`TABLES`. Column names and table names come from each model's `_meta`, so the SQL follows the
models: a field the generator does not fill is left to its NULL or default, and a new required
field stops the run with a message naming it instead of writing bad rows.

SQLite: `executemany` on the driver's connection, with `synchronous=OFF` and a large page cache
while loading. PostgreSQL: `COPY ... FROM STDIN` through psycopg 3, then the id sequences are
moved past the ids we assigned. Primary keys are assigned by the generator (1, 2, 3, ... per
table, in generation order), so foreign keys are written without reading anything back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, models
from django.db.models.fields import NOT_PROVIDED

# (key, model label or "label.m2m_field", fields in row order). Parents come before children.
TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("service", "people.Service", ("id", "name")),
    ("team", "people.Team", ("id", "name", "service", "kind")),
    (
        "worker",
        "people.Worker",
        (
            "id",
            "staff_id",
            "first_name",
            "last_name",
            "role",
            "team",
            "is_agency",
            "registration_number",
            "active",
        ),
    ),
    (
        "child",
        "people.Child",
        (
            "id",
            "council_id",
            "first_name",
            "last_name",
            "preferred_name",
            "upn",
            "former_upn",
            "upn_unknown_reason",
            "uln",
            "nhs_number",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "gender_identity",
            "ethnicity",
            "date_of_death",
            "first_language",
            "created_at",
        ),
    ),
    ("household", "people.Household", ("id", "reference", "created_at")),
    (
        "adult",
        "people.Adult",
        ("id", "first_name", "last_name", "date_of_birth", "sex", "phone", "postcode"),
    ),
    ("disability", "people.ChildDisability", ("id", "child", "code")),
    (
        "address",
        "people.Address",
        ("id", "child", "line_1", "line_2", "town", "postcode", "start_date", "end_date"),
    ),
    (
        "relationship",
        "people.Relationship",
        ("id", "child", "adult", "other_child", "kind", "parental_responsibility"),
    ),
    (
        "member",
        "people.HouseholdMember",
        ("id", "household", "child", "adult", "start_date", "end_date"),
    ),
    (
        "allocation",
        "people.Allocation",
        ("id", "child", "worker", "team", "kind", "start_date", "end_date"),
    ),
    (
        "episode",
        "cin.CINEpisode",
        (
            "id",
            "child",
            "referral_date",
            "referral_source",
            "primary_need",
            "referral_nfa",
            "closure_date",
            "closure_reason",
        ),
    ),
    (
        "contact",
        "frontdoor.Contact",
        (
            "id",
            "child",
            "group_reference",
            "received_at",
            "source",
            "reported_by",
            "summary",
            "consent",
            "out_of_hours",
            "handover_note",
            "decision",
            "decided_at",
            "decided_by",
            "rationale",
            "cin_episode",
        ),
    ),
    (
        "authorisation",
        "frontdoor.DecisionAuthorisation",
        (
            "id",
            "contact",
            "child",
            "manager",
            "authorised_at",
            "outcome",
            "new_decision",
            "reasons",
        ),
    ),
    (
        "assessment",
        "assessments.Assessment",
        ("id", "child", "cin_episode", "start_date", "authorised_date", "worker"),
    ),
    ("factor", "assessments.AssessmentFactor", ("id", "assessment", "code")),
    (
        "midpoint",
        "assessments.MidpointCheck",
        ("id", "assessment", "child", "manager", "date", "on_track", "direction"),
    ),
    (
        "strategy",
        "protection.StrategyDiscussion",
        ("id", "child", "cin_episode", "date", "agencies_present", "decision"),
    ),
    (
        "s47",
        "protection.Section47Enquiry",
        (
            "id",
            "child",
            "cin_episode",
            "strategy_discussion",
            "start_date",
            "end_date",
            "outcome",
            "icpc_not_required",
        ),
    ),
    (
        "icpc",
        "protection.InitialChildProtectionConference",
        ("id", "child", "cin_episode", "section47", "date", "chair", "plan_made"),
    ),
    (
        "cp_plan",
        "protection.ChildProtectionPlan",
        (
            "id",
            "child",
            "cin_episode",
            "icpc",
            "start_date",
            "end_date",
            "initial_category",
            "latest_category",
            "end_reason",
        ),
    ),
    ("core_group", "protection.CoreGroupMeeting", ("id", "child", "cp_plan", "date")),
    (
        "cp_review",
        "protection.ChildProtectionReview",
        ("id", "child", "cp_plan", "date", "plan_continues"),
    ),
    (
        "cp_visit",
        "protection.ChildProtectionVisit",
        ("id", "child", "cp_plan", "visit_date", "seen", "seen_alone", "worker"),
    ),
    (
        "plan_outcome",
        "protection.PlanOutcome",
        ("id", "child", "cp_plan", "what_must_change", "how_measured", "by_when", "responsible"),
    ),
    (
        "fgc",
        "protection.FamilyGroupConference",
        ("id", "child", "cp_plan", "offered_date", "response", "response_date", "held_date"),
    ),
    ("cin_plan", "cin.CINPlan", ("id", "child", "cin_episode", "start_date", "end_date")),
    (
        "cin_visit",
        "cin.CINVisit",
        ("id", "child", "cin_plan", "visit_date", "seen", "seen_alone", "worker"),
    ),
    (
        "care_episode",
        "care.CareEpisode",
        (
            "id",
            "child",
            "start_date",
            "reason_new_episode",
            "legal_status",
            "category_of_need",
            "placement_type",
            "placement_provider",
            "placement_postcode",
            "home_postcode",
            "urn",
            "long_term_placement",
            "end_date",
            "reason_ceased",
            "reason_place_change",
        ),
    ),
    ("care_review", "care.CareReview", ("id", "child", "date", "participation")),
    (
        "care_visit",
        "care.CareVisit",
        ("id", "child", "visit_date", "seen", "seen_alone", "worker"),
    ),
    (
        "missing",
        "care.MissingEpisode",
        (
            "id",
            "child",
            "kind",
            "started_at",
            "returned_at",
            "rhi_offered_at",
            "rhi_accepted",
            "rhi_completed_at",
        ),
    ),
    ("health", "care.HealthCheck", ("id", "child", "kind", "date", "sdq_score", "sdq_reason")),
    ("uasc", "care.UASCPeriod", ("id", "child", "start_date", "end_date")),
    (
        "adoption",
        "care.AdoptionProcess",
        (
            "id",
            "child",
            "should_be_placed_date",
            "placement_order_date",
            "matched_date",
            "placed_date",
            "placed_ceased_date",
            "reason_placed_ceased",
            "adoption_order_date",
        ),
    ),
    (
        "cl_contact",
        "leaving_care.CareLeaverContact",
        ("id", "child", "contact_date", "in_touch", "activity", "accommodation"),
    ),
    (
        "cl_accommodation",
        "leaving_care.CareLeaverAccommodation",
        ("id", "child", "start_date", "end_date", "accommodation", "postcode"),
    ),
    (
        "pathway_plan",
        "leaving_care.PathwayPlan",
        ("id", "child", "start_date", "end_date", "personal_adviser"),
    ),
    ("pp_review", "leaving_care.PathwayPlanReview", ("id", "child", "pathway_plan", "date")),
    (
        "allegation",
        "lado.Allegation",
        (
            "id",
            "reference",
            "received_date",
            "subject_name",
            "employer",
            "sector",
            "summary",
            "initial_consideration_date",
            "outcome",
            "closed_date",
            "lado_officer",
        ),
    ),
    ("allegation_child", "lado.Allegation.children", ("id", "allegation", "child")),
)
TABLE_KEYS = tuple(key for key, _, _ in TABLES)


class GeneratorOutOfStep(RuntimeError):
    """A model changed in a way the generator does not know how to fill."""


def model_for(label: str) -> type[models.Model]:
    parts = label.split(".")
    if len(parts) == 3:
        return apps.get_model(parts[0], parts[1])._meta.get_field(parts[2]).remote_field.through
    return apps.get_model(label)


@dataclass
class TableSpec:
    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    table: str
    columns: list[str]
    extra: tuple = ()  # constant values for defaulted fields the generator leaves out
    extra_columns: list[str] = field(default_factory=list)

    def insert_sql(self, placeholder: str) -> str:
        # Table and column names come from the models' _meta, never from input.
        cols = ", ".join(_quote(self.columns + self.extra_columns))
        marks = ", ".join([placeholder] * (len(self.columns) + len(self.extra_columns)))
        return f'INSERT INTO "{self.table}" ({cols}) VALUES ({marks})'  # noqa: S608

    def copy_sql(self) -> str:
        cols = self.columns + self.extra_columns
        return f'COPY "{self.table}" ({", ".join(_quote(cols))}) FROM STDIN'


def _quote(columns: Iterable[str]) -> list[str]:
    return [f'"{c}"' for c in columns]


def table_specs() -> dict[str, TableSpec]:
    """The spec of every table the generator writes, checked against the models."""
    specs = {}
    for key, label, names in TABLES:
        model = model_for(label)
        meta = model._meta
        columns = [meta.get_field(name).column for name in names]
        extra, extra_columns = [], []
        for f in meta.concrete_fields:
            if f.name in names or f.attname in names:
                continue
            if f.null:
                continue  # left NULL
            if f.default is not NOT_PROVIDED:
                value = f.default() if callable(f.default) else f.default
                extra.append(value)
                extra_columns.append(f.column)
                continue
            raise GeneratorOutOfStep(
                f"{meta.label}.{f.name} is required but the synthetic county does not fill it; "
                f"add it to TABLES in {__name__} and to the code that makes {meta.label} rows."
            )
        specs[key] = TableSpec(
            key, model, names, meta.db_table, columns, tuple(extra), extra_columns
        )
    return specs


class Output:
    """Rows waiting to be written, one list per table, and the next id of each table."""

    def __init__(self, first_ids: dict[str, int] | None = None) -> None:
        self.rows: dict[str, list[tuple]] = {key: [] for key in TABLE_KEYS}
        self.last_id: dict[str, int] = dict.fromkeys(TABLE_KEYS, 0)
        if first_ids:
            for key, value in first_ids.items():
                self.last_id[key] = value - 1
        self.written: dict[str, int] = dict.fromkeys(TABLE_KEYS, 0)

    def next_id(self, key: str) -> int:
        self.last_id[key] += 1
        return self.last_id[key]

    def pending(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def take(self) -> list[tuple[str, list[tuple]]]:
        """The buffered rows in table order, emptying the buffers."""
        batch = []
        for key in TABLE_KEYS:
            rows = self.rows[key]
            if rows:
                batch.append((key, rows))
                self.written[key] += len(rows)
                self.rows[key] = []
        return batch


GLOBAL_KEYS = frozenset({"service", "team", "worker", "child"})


class Renumber:
    """Turns chunk-local ids into the final contiguous ids, in chunk order.

    Chunks of households are simulated independently (possibly in other processes), so each
    numbers its rows from 1; children's ids are final already (known from the household plan)
    and so are workers' and teams'. Written in order, chunk k's rows of a table follow all of
    chunks 0..k-1, so a row's final id is its local id plus the rows written before it; foreign
    keys to chunk-local tables shift by the same amounts.
    """

    def __init__(self, specs: dict[str, TableSpec], written: dict[str, int]) -> None:
        key_of = {spec.model: key for key, spec in specs.items()}
        self.offsets = {key: n for key, n in written.items() if key not in GLOBAL_KEYS}
        self.shifts: dict[str, list[tuple[int, str]]] = {}
        for key, spec in specs.items():
            shifts = [] if key in GLOBAL_KEYS else [(0, key)]
            for pos, name in enumerate(spec.fields):
                f = spec.model._meta.get_field(name)
                target = key_of.get(f.related_model) if f.is_relation else None
                if target is not None and target not in GLOBAL_KEYS:
                    shifts.append((pos, target))
            self.shifts[key] = shifts

    def apply(self, batch: list[tuple[str, list[tuple]]], counts: dict[str, int]):
        renumbered = []
        offsets = self.offsets
        for key, rows in batch:
            shifts = [(pos, offsets[target]) for pos, target in self.shifts[key] if offsets[target]]
            if shifts and rows:
                columns = list(zip(*rows, strict=True))
                for pos, offset in shifts:
                    columns[pos] = [None if v is None else v + offset for v in columns[pos]]
                rows = list(zip(*columns, strict=True))
            renumbered.append((key, rows))
        for key, n in counts.items():
            if key in offsets:
                offsets[key] += n
        return renumbered


class DatabaseSink:
    """Writes batches of rows to one Django database connection inside the caller's transaction."""

    def __init__(self, using: str = "default") -> None:
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise RuntimeError(
                f"The synthetic county writes to SQLite or PostgreSQL, not {self.vendor}"
            )
        self.specs = table_specs()

    def write(self, batch: list[tuple[str, list[tuple]]]) -> None:
        self.connection.ensure_connection()
        raw = self.connection.connection
        for key, rows in batch:
            spec = self.specs[key]
            if spec.extra:
                rows = [row + spec.extra for row in rows]
            if self.vendor == "sqlite":
                raw.executemany(spec.insert_sql("?"), rows)
            else:
                with raw.cursor() as cursor, cursor.copy(spec.copy_sql()) as copy:
                    for row in rows:
                        copy.write_row(row)

    def begin_bulk_load(self) -> None:
        """Speed settings for the load (SQLite: no fsync, a big page cache).
        SQLite refuses to change them inside a transaction, e.g. under a test's transaction,
        where they are simply left as they are."""
        self._tuned = self.vendor == "sqlite" and not self.connection.in_atomic_block
        if self._tuned:
            with self.connection.cursor() as cursor:
                # Keys are assigned by the generator, parents before children; checking every
                # row would double the load time. The tests run PRAGMA foreign_key_check.
                cursor.execute("PRAGMA foreign_keys = OFF")
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
                # Index builds sort through temporary files, not memory: a county of millions
                # would otherwise need gigabytes of RAM to rebuild its indexes.
                cursor.execute("PRAGMA temp_store = FILE")

    def drop_indexes(self) -> None:
        """SQLite: set the generated tables' secondary indexes aside for the load (inside the
        load's transaction, so a failed load rolls back to the same schema). Building an index
        once over sorted data is much cheaper than keeping it up to date row by row."""
        self._indexes: list[tuple[str, str]] = []
        tables = [spec.table for spec in self.specs.values()]
        if self.vendor == "postgresql":
            # Plain indexes only: those behind primary keys and unique constraints stay.
            sql = (
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x')) "
                "ORDER BY indexname"
            )
            with self.connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
                cursor.execute(sql, [tables])
                self._indexes = cursor.fetchall()
                for name, _ in self._indexes:
                    cursor.execute(f"DROP INDEX {self.connection.ops.quote_name(name)}")
            return
        marks = ", ".join(["%s"] * len(tables))
        where = f"type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
        sql = f"SELECT name, sql FROM sqlite_master WHERE {where} ORDER BY name"  # noqa: S608
        with self.connection.cursor() as cursor:
            cursor.execute(sql, tables)
            self._indexes = cursor.fetchall()
            for name, _ in self._indexes:
                cursor.execute(f"DROP INDEX {self.connection.ops.quote_name(name)}")

    def restore_indexes(self) -> None:
        indexes = getattr(self, "_indexes", [])
        with self.connection.cursor() as cursor:
            if indexes and self.vendor == "postgresql":
                # PostgreSQL will not build an index with deferred foreign key checks pending:
                # run them now (the commit would have), then defer again.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _, sql in indexes:
                cursor.execute(sql)
            if indexes and self.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        self._indexes = []

    def finish_in_transaction(self) -> None:
        """Rebuild the indexes set aside (SQLite); move the id sequences past the ids the
        generator assigned (PostgreSQL)."""
        self.restore_indexes()
        if self.vendor == "postgresql":
            self.reset_sequences()

    def end_bulk_load(self) -> None:
        """Back to the settings' durability once the load has committed (or failed)."""
        if getattr(self, "_tuned", False):
            with self.connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.execute("PRAGMA cache_size = -2000")
                cursor.execute("PRAGMA temp_store = DEFAULT")
                cursor.execute("PRAGMA foreign_keys = ON")
            self._tuned = False

    def reset_sequences(self) -> None:
        """Move PostgreSQL id sequences past the ids the generator assigned."""
        models_ = [spec.model for spec in self.specs.values()]
        statements = self.connection.ops.sequence_reset_sql(no_style(), models_)
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def analyse(self) -> None:
        """Fresh planner statistics after a bulk load (both databases benefit)."""
        with self.connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit = 1000")
                cursor.execute("ANALYZE")
            else:
                for spec in self.specs.values():
                    cursor.execute(f'ANALYZE "{spec.table}"')


# -- replacing an existing county -------------------------------------------------------------


class ReplaceRefused(RuntimeError):
    pass


def _generated_models() -> list[type[models.Model]]:
    return [model_for(label) for _, label, _ in TABLES]


def dependent_models() -> tuple[list[type[models.Model]], list[tuple[type[models.Model], str]]]:
    """Every model whose rows must go with the county, children first, and the nullable
    references from other models that would block deleting it.

    The county is the generated tables plus any model (another app's, say) with a required
    foreign key to a county table. A nullable foreign key from outside the county (the audit
    trail's `child`) is not ours to delete or change, so it blocks `--replace` when it is set.
    """
    county: list[type[models.Model]] = _generated_models()
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            if model in county:
                continue
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model in county and not f.null:
                    county.append(model)
                    changed = True
                    break
    blockers = []
    for model in apps.get_models(include_auto_created=True):
        if model in county:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in county and f.null:
                blockers.append((model, f.name))
    # Delete order: a model before anything it points at.
    ordered: list[type[models.Model]] = []
    remaining = list(county)
    while remaining:
        for model in remaining:
            pointed_at_by_remaining = any(
                f.is_relation and f.related_model is model
                for other in remaining
                if other is not model
                for f in other._meta.concrete_fields
            )
            if not pointed_at_by_remaining:
                ordered.append(model)
                remaining.remove(model)
                break
        else:  # a cycle (none today): fall back to the declared order, reversed
            ordered.extend(reversed(remaining))
            break
    return ordered, blockers


def delete_county(using: str = "default") -> dict[str, int]:
    """Delete every generated record (call inside a transaction). Audit events are kept: if any
    refer to a child, nothing is deleted and ReplaceRefused says why. Users are kept too (the
    audit trail refers to them); demo users are reused by username."""
    ordered, blockers = dependent_models()
    for model, name in blockers:
        count = model._default_manager.using(using).filter(**{f"{name}__isnull": False}).count()
        if count:
            raise ReplaceRefused(
                f"{count} {model._meta.verbose_name_plural} refer to records of the current "
                f"county ({model._meta.label}.{name}). Audit events can never be deleted, so "
                "--replace cannot remove the children they name. Generate into a fresh database "
                "instead (e.g. a new SQLite file, or drop and re-create the PostgreSQL database)."
            )
    connection = connections[using]
    deleted = {}
    with connection.cursor() as cursor:
        for model in ordered:
            cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608 - from _meta
            deleted[model._meta.label] = cursor.rowcount
    return deleted
