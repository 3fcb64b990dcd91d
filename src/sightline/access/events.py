"""Every kind of thing the audit trail records, as one enumerated type per event.

"How many decisions were authorised last month?" is then a count of one type, not a search of
free text (as Zulip numbers its audit log types). Each type belongs to one generic kind (viewed,
created, changed, exported, ...), derived here, which the trail also stores for simple filters.
Add a type when a new service does a new thing; never reuse one for another meaning.
"""

from django.db import models


class Kind(models.TextChoices):
    VIEW = "view", "Viewed"
    SEARCH = "search", "Searched"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Exported"
    DRILL_DOWN = "drill_down", "Viewed in a drill-down"
    IMPORT = "import", "Imported"
    GENERATE = "generate", "Generated synthetic data"
    AUDIT_VIEW = "audit_view", "Viewed the audit trail"
    CONFIG = "config", "Changed configuration"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGN_OUT = "sign_out", "Signed out"
    REFUSED = "refused", "Refused"


class EventType(models.TextChoices):
    # -- reading ------------------------------------------------------------------------------
    CHILD_RECORD_VIEWED = "child_record_viewed", "Viewed a child's record"
    RECORD_VIEWED = "record_viewed", "Viewed a record on a child's file"
    FORM_OPENED = "form_opened", "Opened a form on a child's record"
    LIST_VIEWED = "list_viewed", "Viewed a list of children"
    CHILDREN_SEARCHED = "children_searched", "Searched for a child"
    DRILL_DOWN_VIEWED = "drill_down_viewed", "Viewed the children behind a figure"
    AUDIT_TRAIL_VIEWED = "audit_trail_viewed", "Viewed the audit trail"
    ACCESS_REFUSED = "access_refused", "Refused access to a page or record"
    # -- exports and imports ------------------------------------------------------------------
    CHRONOLOGY_EXPORTED = "chronology_exported", "Exported a chronology"
    CHILDREN_LIST_EXPORTED = "children_list_exported", "Exported a list of children"
    PERFORMANCE_PACK_EXPORTED = "performance_pack_exported", "Downloaded the performance pack"
    CIN_CENSUS_EXPORTED = "cin_census_exported", "Exported the CIN census"
    CIN_CENSUS_IMPORTED = "cin_census_imported", "Imported a CIN census"
    ANNEX_A_EXPORTED = "annex_a_exported", "Exported Annex A"
    ANNEX_A_IMPORTED = "annex_a_imported", "Imported an Annex A workbook"
    SYNTHETIC_DATA_GENERATED = "synthetic_data_generated", "Generated synthetic data"
    # -- configuration ------------------------------------------------------------------------
    TIMESCALE_CHANGED = "timescale_changed", "Changed a local timescale"
    CLOSURE_DAY_ADDED = "closure_day_added", "Added a council closure day"
    TARGET_SET = "target_set", "Set a performance target"
    POPULATION_SET = "population_set", "Set the child population"
    DIP_SAMPLE_SHARE_SET = "dip_sample_share_set", "Set the dip sample share"
    # -- signing in ---------------------------------------------------------------------------
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGNED_OUT = "signed_out", "Signed out"
    # -- the child's details and network ------------------------------------------------------
    CHILD_DETAILS_CHANGED = "child_details_changed", "Changed a child's details"
    CHILD_NAME_RECORDED = "child_name_recorded", "Recorded another name for a child"
    ADDRESS_RECORDED = "address_recorded", "Recorded a child's address"
    ADULT_RECORDED = "adult_recorded", "Added or changed an adult in a child's network"
    RELATIONSHIP_RECORDED = "relationship_recorded", "Recorded a relationship"
    HOUSEHOLD_CHANGED = "household_changed", "Changed who lives in a household"
    CHILDREN_MERGED = "children_merged", "Merged two records of the same child"
    CASE_NOTE_RECORDED = "case_note_recorded", "Recorded a case note"
    # -- allocation and the workforce ---------------------------------------------------------
    CHILD_ALLOCATED = "child_allocated", "Allocated a worker to a child"
    ALLOCATION_ENDED = "allocation_ended", "Ended a worker's allocation"
    CHILD_TRANSFERRED = "child_transferred", "Transferred a child to another team"
    WORKER_CREATED = "worker_created", "Created a worker and their sign-in"
    WORKER_CHANGED = "worker_changed", "Changed a worker's details"
    WORKER_ENDED = "worker_ended", "Ended a worker and their sign-in"
    ACCOUNT_UNLOCKED = "account_unlocked", "Unlocked a sign-in"
    TEMPORARY_PASSWORD_SET = "temporary_password_set", "Set a temporary password"
    PASSWORD_CHANGED = "password_changed", "Changed their password"
    TEAM_SAVED = "team_saved", "Added or renamed a team"
    SERVICE_SAVED = "service_saved", "Added or renamed a service"
    # -- front door ---------------------------------------------------------------------------
    CONTACT_RECORDED = "contact_recorded", "Recorded a contact"
    CHILD_ADDED = "child_added", "Added a child the council did not know"
    CHILD_MATCH_CHOSEN = "child_match_chosen", "Chose a known child, or none, before adding one"
    HANDOVER_ACKNOWLEDGED = "handover_acknowledged", "Took over an out-of-hours contact"
    CONTACT_DECIDED = "contact_decided", "Decided on a contact"
    DECISION_AUTHORISED = "decision_authorised", "Authorised a front-door decision"
    DECISION_OVERTURNED = "decision_overturned", "Overturned a front-door decision"
    DIP_SAMPLE_DRAWN = "dip_sample_drawn", "Drew a dip sample"
    DIP_SAMPLE_REVIEWED = "dip_sample_reviewed", "Reviewed a dip-sampled decision"
    # -- early help ---------------------------------------------------------------------------
    EARLY_HELP_STARTED = "early_help_started", "Started early help"
    EARLY_HELP_ASSESSMENT_RECORDED = (
        "early_help_assessment_recorded",
        "Recorded an early help assessment",
    )
    EARLY_HELP_ASSESSMENT_COMPLETED = (
        "early_help_assessment_completed",
        "Completed an early help assessment",
    )
    EARLY_HELP_PLAN_STARTED = "early_help_plan_started", "Started an early help plan"
    EARLY_HELP_PLAN_REVIEWED = "early_help_plan_reviewed", "Reviewed an early help plan"
    EARLY_HELP_PLAN_ENDED = "early_help_plan_ended", "Ended an early help plan"
    EARLY_HELP_ENDED = "early_help_ended", "Ended early help"
    STEPPED_UP = "stepped_up", "Stepped up from early help to social care"
    # -- assessment ---------------------------------------------------------------------------
    ASSESSMENT_STARTED = "assessment_started", "Started an assessment"
    ASSESSMENT_ALLOCATED = "assessment_allocated", "Allocated an assessment"
    CHILD_SEEN_RECORDED = "child_seen_recorded", "Recorded the child seen"
    CHILD_VIEWS_RECORDED = "child_views_recorded", "Recorded the child's views"
    ANALYSIS_RECORDED = "analysis_recorded", "Recorded the analysis of an assessment"
    LATERAL_CHECK_RECORDED = "lateral_check_recorded", "Recorded a lateral check"
    FACTORS_SET = "factors_set", "Set the assessment factors"
    MIDPOINT_CHECK_RECORDED = "midpoint_check_recorded", "Recorded a mid-point check"
    ASSESSMENT_OUTCOME_RECORDED = "assessment_outcome_recorded", "Recorded an assessment outcome"
    ASSESSMENT_AUTHORISED = "assessment_authorised", "Authorised an assessment"
    # -- child in need ------------------------------------------------------------------------
    CIN_PLAN_STARTED = "cin_plan_started", "Started a child in need plan"
    CIN_PLAN_ENDED = "cin_plan_ended", "Ended a child in need plan"
    CIN_PLAN_REVIEWED = "cin_plan_reviewed", "Reviewed a child in need plan"
    CIN_VISIT_RECORDED = "cin_visit_recorded", "Recorded a child in need visit"
    PACKAGE_CREATED = "package_created", "Set up a disabled children's package"
    PACKAGE_REVIEWED = "package_reviewed", "Reviewed a disabled children's package"
    NEEDS_REASSESSED = "needs_reassessed", "Recorded a needs reassessment"
    # -- child protection ---------------------------------------------------------------------
    STRATEGY_DISCUSSION_RECORDED = "strategy_discussion_recorded", "Recorded a strategy discussion"
    SECTION47_STARTED = "section47_started", "Started a section 47 enquiry"
    SECTION47_ENDED = "section47_ended", "Ended a section 47 enquiry"
    INITIAL_CONFERENCE_RECORDED = "initial_conference_recorded", "Recorded an initial conference"
    PLAN_OUTCOME_ADDED = "plan_outcome_added", "Added an outcome to a child protection plan"
    CORE_GROUP_RECORDED = "core_group_recorded", "Recorded a core group meeting"
    CP_REVIEW_RECORDED = "cp_review_recorded", "Recorded a review conference"
    CP_VISIT_RECORDED = "cp_visit_recorded", "Recorded a child protection visit"
    FGC_RECORDED = "fgc_recorded", "Recorded a family group conference"
    EXTENDED_FAMILY_RECORDED = "extended_family_recorded", "Recorded the extended family"
    PRE_PROCEEDINGS_RECORDED = "pre_proceedings_recorded", "Recorded pre-proceedings"
    CP_PLAN_ENDED = "cp_plan_ended", "Ended a child protection plan"


# Types whose kind is not "created": the rest record something new on a child's file.
KIND_OF: dict[EventType, Kind] = {
    EventType.CHILD_RECORD_VIEWED: Kind.VIEW,
    EventType.RECORD_VIEWED: Kind.VIEW,
    EventType.FORM_OPENED: Kind.VIEW,
    EventType.LIST_VIEWED: Kind.VIEW,
    EventType.CHILDREN_SEARCHED: Kind.SEARCH,
    EventType.CHILD_MATCH_CHOSEN: Kind.SEARCH,
    EventType.DRILL_DOWN_VIEWED: Kind.DRILL_DOWN,
    EventType.AUDIT_TRAIL_VIEWED: Kind.AUDIT_VIEW,
    EventType.ACCESS_REFUSED: Kind.REFUSED,
    EventType.CHRONOLOGY_EXPORTED: Kind.EXPORT,
    EventType.CHILDREN_LIST_EXPORTED: Kind.EXPORT,
    EventType.PERFORMANCE_PACK_EXPORTED: Kind.EXPORT,
    EventType.CIN_CENSUS_EXPORTED: Kind.EXPORT,
    EventType.ANNEX_A_EXPORTED: Kind.EXPORT,
    EventType.CIN_CENSUS_IMPORTED: Kind.IMPORT,
    EventType.ANNEX_A_IMPORTED: Kind.IMPORT,
    EventType.SYNTHETIC_DATA_GENERATED: Kind.GENERATE,
    EventType.TIMESCALE_CHANGED: Kind.CONFIG,
    EventType.CLOSURE_DAY_ADDED: Kind.CONFIG,
    EventType.TARGET_SET: Kind.CONFIG,
    EventType.POPULATION_SET: Kind.CONFIG,
    EventType.DIP_SAMPLE_SHARE_SET: Kind.CONFIG,
    EventType.SIGNED_IN: Kind.SIGN_IN,
    EventType.SIGN_IN_FAILED: Kind.SIGN_IN_FAILED,
    EventType.SIGNED_OUT: Kind.SIGN_OUT,
    EventType.HANDOVER_ACKNOWLEDGED: Kind.CHANGE,
    EventType.CHILD_DETAILS_CHANGED: Kind.CHANGE,
    EventType.HOUSEHOLD_CHANGED: Kind.CHANGE,
    EventType.CHILDREN_MERGED: Kind.CHANGE,
    EventType.ALLOCATION_ENDED: Kind.CHANGE,
    EventType.CHILD_TRANSFERRED: Kind.CHANGE,
    EventType.WORKER_CHANGED: Kind.CONFIG,
    EventType.WORKER_CREATED: Kind.CONFIG,
    EventType.WORKER_ENDED: Kind.CONFIG,
    EventType.ACCOUNT_UNLOCKED: Kind.CONFIG,
    EventType.TEMPORARY_PASSWORD_SET: Kind.CONFIG,
    EventType.PASSWORD_CHANGED: Kind.CHANGE,
    EventType.TEAM_SAVED: Kind.CONFIG,
    EventType.SERVICE_SAVED: Kind.CONFIG,
    EventType.CONTACT_DECIDED: Kind.CHANGE,
    EventType.ASSESSMENT_ALLOCATED: Kind.CHANGE,
    EventType.CHILD_VIEWS_RECORDED: Kind.CHANGE,
    EventType.ANALYSIS_RECORDED: Kind.CHANGE,
    EventType.FACTORS_SET: Kind.CHANGE,
    EventType.ASSESSMENT_OUTCOME_RECORDED: Kind.CHANGE,
    EventType.ASSESSMENT_AUTHORISED: Kind.CHANGE,
    EventType.CIN_PLAN_ENDED: Kind.CHANGE,
    EventType.SECTION47_ENDED: Kind.CHANGE,
    EventType.CP_PLAN_ENDED: Kind.CHANGE,
    EventType.EARLY_HELP_ASSESSMENT_COMPLETED: Kind.CHANGE,
    EventType.EARLY_HELP_PLAN_ENDED: Kind.CHANGE,
    EventType.EARLY_HELP_ENDED: Kind.CHANGE,
    EventType.EXTENDED_FAMILY_RECORDED: Kind.CHANGE,
}


def kind_of(event: EventType) -> Kind:
    return KIND_OF.get(EventType(event), Kind.CREATE)
