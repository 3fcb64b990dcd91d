"""The indicator catalogue: every indicator's definition, in one place.

Each entry says what the indicator measures in plain English, where the definition comes from
(the DfE's published measures from the CIN census and the SSDA903 return, Ofsted's inspection
data, or local practice), what is counted above and below the line, how the period is applied,
which direction is better, England's figure where one is published, and how a record is
attributed to a team and worker. The SQL that computes each one is in `indicators.py`, under
the same id; a test checks that the two lists match.

Attribution: "allocated worker" means the worker allocated to the child as their social worker
(`people.Allocation`, kind social_worker) on the date named, with the team recorded on that
allocation; "recording worker" means the worker the record itself names, with that worker's
current team. Where an indicator names a recording worker and the record has none, the
allocated worker on the date named is used. A record with neither is "Not allocated".

Definitions follow the DfE's "Characteristics of children in need" and "Children looked after
in England" methodologies where a published measure exists; where this service has had to
decide a boundary, the decision is written into the definition (and pinned by a test).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .national import EnglandFigure, england

SECTIONS = (
    ("front_door", "Front door"),
    ("assessment", "Referrals and assessments"),
    ("protection", "Child protection"),
    ("in_need", "Children in need"),
    ("in_care", "Children in care"),
    ("care_leavers", "Care leavers"),
)
SOURCES = {
    "DfE": "DfE published measure",
    "Ofsted": "Ofsted inspection data (Annex A)",
    "Local": "Local measure",
}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    section: str
    definition: str
    source: str  # "DfE", "Ofsted" or "Local"
    numerator: str
    denominator: str
    period_rule: str
    better: str  # "higher", "lower" or "neither" (a rate that describes demand)
    unit: str  # "percent", "rate" (per 10,000 children), "count", "working_days"
    attribution: str
    statement: str  # a plain sentence for the performance pack; {value} {numerator} {denominator}
    england_path: str | None = None
    england_when: str = ""  # when the file's key does not say (e.g. "year ending 31 March 2025")

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"

    @property
    def england_figure(self) -> EnglandFigure | None:
        """England's figure, saying when it is for where the file's key does not."""
        figure = england(self.england_path) if self.england_path else None
        if figure is not None and self.england_when and not figure.when:
            figure = replace(figure, when=self.england_when)
        return figure

    @property
    def source_label(self) -> str:
        return SOURCES[self.source]

    @property
    def better_words(self) -> str:
        return {
            "higher": "Higher is better",
            "lower": "Lower is better",
            "neither": "Neither higher nor lower is better in itself: it describes demand",
        }[self.better]


ALLOCATED_ON = "the worker allocated to the child on {when}"
# Wording several entries share, written once.
ALLOCATED_AS_AT = ALLOCATED_ON.format(when="the as-at date")
AS_AT = "As at one date (the end of the period, or today)."
PER_10K_CHILDREN = "Children aged 0 to 17 (the council's population figure), per 10,000"
ASSESSMENT_WORKER = "The worker recorded on the assessment, else " + ALLOCATED_ON.format(
    when="the authorisation date"
)
CARE_LEAVERS_TURNING_19_TO_21 = "Care leavers with a 19th, 20th or 21st birthday in the period"
BIRTHDAY_RULE = "Birthday in the period; the record from 3 months before to 1 month after."
PERSONAL_ADVISER = "The personal adviser allocated on the as-at date, else " + ALLOCATED_AS_AT

_INDICATORS: tuple[Indicator, ...] = (
    # -- front door ---------------------------------------------------------------------------
    Indicator(
        id="contacts_per_10k",
        name="Contacts per 10,000 children",
        section="front_door",
        definition="Contacts received about children, per 10,000 children aged 0 to 17 in the "
        "council's area, on a yearly footing. A contact about several children counts once for "
        "each child.",
        source="Ofsted",
        numerator="Contacts received in the period",
        denominator=PER_10K_CHILDREN,
        period_rule="Contacts received on a day in the period; for a period shorter or longer "
        "than a year the rate is scaled to a year (count × 365 ÷ days in the period).",
        better="neither",
        unit="rate",
        attribution="The worker who recorded the contact, else the worker who decided it, else "
        + ALLOCATED_ON.format(when="the day it was received"),
        statement="{value} contacts per 10,000 children a year ({numerator} contacts)",
    ),
    Indicator(
        id="contact_decisions_within_1_wd_pct",
        name="Contact decisions within 1 working day",
        section="front_door",
        definition="Contacts decided by the end of the next working day after they were "
        "received (the statutory timescale front_door.contact_decision). A contact still "
        "undecided after that counts as late; one received so recently that its decision is "
        "not yet due is left out.",
        source="Local",
        numerator="Contacts decided within 1 working day of the day received",
        denominator="Contacts received in the period, decided or already past their due date",
        period_rule="Contacts received on a day in the period (London time); the decision may "
        "fall after the period ends.",
        better="higher",
        unit="percent",
        attribution="The worker who decided the contact, else "
        + ALLOCATED_ON.format(when="the day it was received"),
        statement="{value} of contacts were decided within 1 working day "
        "({numerator} of {denominator})",
    ),
    Indicator(
        id="contact_decisions_authorised_pct",
        name="Contact decisions authorised by a manager",
        section="front_door",
        definition="Front-door decisions a manager has authorised (agreed or overturned): "
        "management oversight of every decision.",
        source="Local",
        numerator="Decisions with a manager's authorisation recorded",
        denominator="Contacts decided in the period",
        period_rule="Decisions made on a day in the period; the authorisation may come later.",
        better="higher",
        unit="percent",
        attribution="The worker who made the decision",
        statement="{value} of front-door decisions were authorised by a manager "
        "({numerator} of {denominator})",
    ),
    Indicator(
        id="nfa_dip_sample_disagree_pct",
        name="No further action decisions the dip sample disagreed with",
        section="front_door",
        definition="Of the 'no further action' decisions drawn in the weekly dip sample and "
        "reviewed, those where the reviewer found that more follow-up was needed or that the "
        "contact should have been a referral.",
        source="Local",
        numerator="Reviewed dip-sample items with a finding other than 'agree'",
        denominator="Dip-sample items reviewed in the period",
        period_rule="Items reviewed on a day in the period.",
        better="lower",
        unit="percent",
        attribution="The worker who made the no further action decision",
        statement="The dip sample disagreed with {value} of the no further action decisions "
        "it reviewed ({numerator} of {denominator})",
    ),
    # -- referrals and assessments ------------------------------------------------------------
    Indicator(
        id="referrals_per_10k",
        name="Referrals per 10,000 children",
        section="assessment",
        definition="Referrals to children's social care, per 10,000 children aged 0 to 17, on "
        "a yearly footing (the DfE's referral rate).",
        source="DfE",
        numerator="Referrals (CIN episodes) with a referral date in the period",
        denominator=PER_10K_CHILDREN,
        period_rule="Referral date in the period; scaled to a year as for contacts.",
        better="neither",
        unit="rate",
        attribution=ALLOCATED_ON.format(when="the referral date"),
        statement="{value} referrals per 10,000 children a year ({numerator} referrals)",
        england_path="referrals.year_2025.rate_per_10k",
    ),
    Indicator(
        id="re_referrals_12m_pct",
        name="Re-referrals within 12 months",
        section="assessment",
        definition="Referrals of a child who had been referred before within the previous 12 "
        "months (the DfE's re-referral measure). 'Within 12 months' is calendar months: a "
        "referral on or before the same date a year after the last one is a re-referral, so "
        "365 days later counts and 366 days later does not (outside a leap year). A second "
        "referral on the same day as another is not counted as a re-referral of it.",
        source="DfE",
        numerator="Referrals with an earlier referral of the same child dated no more than 12 "
        "months before",
        denominator="Referrals with a referral date in the period",
        period_rule="Referral date in the period; the earlier referral may be before it.",
        better="lower",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the referral date"),
        statement="{value} of referrals were re-referrals within 12 months "
        "({numerator} of {denominator})",
        england_path="referrals.year_2025.re_referral_within_12m_pct",
    ),
    Indicator(
        id="assessments_within_45_wd_pct",
        name="Assessments completed within 45 working days",
        section="assessment",
        definition="Child and family assessments authorised within 45 working days of the "
        "referral (the DfE measure: working days after the referral date up to and including "
        "the authorisation date, bank holidays and the council's closure days excluded). "
        "Authorised on the 45th working day is in time; on the 46th it is late.",
        source="DfE",
        numerator="Assessments authorised 45 working days or fewer after the referral date",
        denominator="Assessments authorised in the period",
        period_rule="Authorisation date in the period.",
        better="higher",
        unit="percent",
        attribution=ASSESSMENT_WORKER,
        statement="{value} of assessments were completed within 45 working days "
        "({numerator} of {denominator})",
        england_path="assessments.year_2025.within_45_working_days_pct",
    ),
    Indicator(
        id="assessment_median_wd",
        name="Median working days to complete an assessment",
        section="assessment",
        definition="The middle value of the working days from referral to authorisation of "
        "the assessments authorised in the period (the mean of the middle two when their "
        "number is even).",
        source="DfE",
        numerator="Median working days from referral date to authorisation",
        denominator="Assessments authorised in the period",
        period_rule="Authorisation date in the period.",
        better="lower",
        unit="working_days",
        attribution=ASSESSMENT_WORKER,
        statement="Half of the assessments took {value} or fewer ({denominator} assessments)",
        england_path="assessments.year_2025.median_working_days",
    ),
    Indicator(
        id="assessments_with_midpoint_check_pct",
        name="Assessments with a manager's midpoint check",
        section="assessment",
        definition="Assessments that ran past the local midpoint (timescale "
        "assessment.manager_midpoint_check, 20 working days from the assessment's start unless "
        "the council changes it) and had a manager's midpoint check recorded before they were "
        "authorised.",
        source="Local",
        numerator="Such assessments with a midpoint check dated on or before authorisation",
        denominator="Assessments authorised in the period more than the midpoint after they "
        "started",
        period_rule="Authorisation date in the period.",
        better="higher",
        unit="percent",
        attribution=ASSESSMENT_WORKER,
        statement="{value} of assessments that passed their midpoint had a manager's midpoint "
        "check ({numerator} of {denominator})",
    ),
    # -- child protection ---------------------------------------------------------------------
    Indicator(
        id="s47_per_10k",
        name="Section 47 enquiries per 10,000 children",
        section="protection",
        definition="Section 47 enquiries started, per 10,000 children aged 0 to 17, on a yearly "
        "footing.",
        source="DfE",
        numerator="Section 47 enquiries with a start date in the period",
        denominator=PER_10K_CHILDREN,
        period_rule="Start date in the period; scaled to a year as for contacts.",
        better="neither",
        unit="rate",
        attribution=ALLOCATED_ON.format(when="the start of the enquiry"),
        statement="{value} section 47 enquiries per 10,000 children a year ({numerator} enquiries)",
        england_path="section_47.year_2025.rate_per_10k",
    ),
    Indicator(
        id="icpc_within_15_wd_of_strategy_pct",
        name="Initial conferences within 15 working days of the strategy discussion",
        section="protection",
        definition="Initial child protection conferences held within 15 working days of the "
        "strategy discussion that started the section 47 enquiry (Working Together 2023).",
        source="Local",
        numerator="Conferences held 15 working days or fewer after the strategy discussion",
        denominator="Initial conferences held in the period whose enquiry records a strategy "
        "discussion",
        period_rule="Conference date in the period.",
        better="higher",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the conference date"),
        statement="{value} of initial conferences were held within 15 working days of the "
        "strategy discussion ({numerator} of {denominator})",
    ),
    Indicator(
        id="icpc_within_15_wd_of_s47_pct",
        name="Initial conferences within 15 working days of the section 47 start",
        section="protection",
        definition="Initial child protection conferences held within 15 working days of the "
        "start of the section 47 enquiry (the DfE's published measure).",
        source="DfE",
        numerator="Conferences held 15 working days or fewer after the section 47 start date",
        denominator="Initial conferences held in the period that belong to a section 47 enquiry",
        period_rule="Conference date in the period.",
        better="higher",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the conference date"),
        statement="{value} of initial conferences were held within 15 working days of the "
        "section 47 start ({numerator} of {denominator})",
        england_path="section_47.icpc.year_2025.within_15_working_days_of_s47_start_pct",
    ),
    Indicator(
        id="cp_plans_per_10k",
        name="Children on a child protection plan per 10,000 children",
        section="protection",
        definition="Children who were the subject of a child protection plan at the end of the "
        "as-at date, per 10,000 children aged 0 to 17.",
        source="DfE",
        numerator="Children with a plan started on or before the as-at date and not ended by it",
        denominator=PER_10K_CHILDREN,
        period_rule="As at one date (the end of the period, or today). A plan ending on the "
        "as-at date is no longer open.",
        better="neither",
        unit="rate",
        attribution=ALLOCATED_AS_AT,
        statement="{value} children per 10,000 were on a child protection plan "
        "({numerator} children)",
        england_path="child_protection_plans.at_31_march_2025.rate_per_10k",
    ),
    Indicator(
        id="cp_plans_second_or_subsequent_pct",
        name="Child protection plans for a second or subsequent time",
        section="protection",
        definition="Children who became the subject of a child protection plan who had been "
        "on a plan before (at any time, including plans recorded as held elsewhere, such as "
        "in another council). A plan that starts on the day the child's previous "
        "plan ended is the same plan continuing (a transfer or a recording change, as the "
        "CIN census records a change of category on the one plan): it is not a new plan, so "
        "it is neither counted as starting nor as a second plan.",
        source="DfE",
        numerator="New plans for a child who had an earlier plan",
        denominator="New plans started in the period",
        period_rule="Plan start date in the period.",
        better="lower",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the plan's start date"),
        statement="{value} of children who started a child protection plan had been on one "
        "before ({numerator} of {denominator})",
        england_path="child_protection_plans.second_or_subsequent_plan_pct",
    ),
    Indicator(
        id="cp_plans_ended_2y_plus_pct",
        name="Child protection plans that ended after 2 years or more",
        section="protection",
        definition="Plans that ended having lasted 2 years or more (end date on or after the "
        "same date two years after the start). A plan that continues into another starting "
        "the same day has not ended; the continuing plan's length is counted from the first "
        "plan's start.",
        source="DfE",
        numerator="Ended plans that lasted 2 years or more",
        denominator="Plans ended in the period (not continued the same day)",
        period_rule="Plan end date in the period.",
        better="lower",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the plan's end date"),
        statement="{value} of child protection plans that ended had lasted 2 years or more "
        "({numerator} of {denominator})",
        england_path="child_protection_plans.ended_duration_pct.2y_plus",
        england_when="year ending 31 March 2025",
    ),
    Indicator(
        id="cp_plans_open_18m_plus",
        name="Children on a child protection plan for 18 months or more",
        section="protection",
        definition="Children whose child protection plan had been open for 18 months or more "
        "on the as-at date (the local plan-length alert at 18 months): plans that may have "
        "drifted.",
        source="Local",
        numerator="Children on a plan started 18 months or more before the as-at date",
        denominator="None: this is a count",
        period_rule=AS_AT,
        better="lower",
        unit="count",
        attribution=ALLOCATED_AS_AT,
        statement="{value} children had been on a child protection plan for 18 months or more",
    ),
    Indicator(
        id="cp_visits_in_time_pct",
        name="Children on a plan visited within the visiting timescale",
        section="protection",
        definition="Children on a child protection plan who had been seen on a visit within "
        "the local visiting timescale (child_protection.visits, 10 working days unless the "
        "council changes it) before the as-at date, or whose plan is too new for a visit to be "
        "due. A visit where the child was not seen does not count.",
        source="Local",
        numerator="Children seen within the timescale (counted from the plan's start if not "
        "yet seen)",
        denominator="Children on a child protection plan on the as-at date",
        period_rule=AS_AT,
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children on a plan had been seen within the visiting timescale "
        "({numerator} of {denominator})",
    ),
    Indicator(
        id="cp_reviews_in_time_pct",
        name="Child protection plans reviewed within timescales",
        section="protection",
        definition="Children on a plan for 3 months or more whose every review conference was "
        "on time: the first within 3 months of the plan's start, each later one within 6 "
        "months of the one before, and none overdue on the as-at date (the DfE's 'reviewed "
        "within required timescales').",
        source="DfE",
        numerator="Children whose reviews have all been on time",
        denominator="Children on a plan on the as-at date that had lasted 3 months or more",
        period_rule=AS_AT,
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of child protection plans had been reviewed within timescales "
        "({numerator} of {denominator})",
    ),
    Indicator(
        id="cp_fgc_offered_pct",
        name="Family group conferences offered to children starting a plan",
        section="protection",
        definition="Children starting a child protection plan who were offered a family group "
        "conference, on the plan or from their referral onwards.",
        source="Local",
        numerator="New plans where a family group conference was offered by the as-at date",
        denominator="New plans started in the period",
        period_rule="Plan start date in the period; the offer may come before or after it.",
        better="higher",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the plan's start date"),
        statement="{value} of children starting a child protection plan were offered a family "
        "group conference ({numerator} of {denominator})",
    ),
    # -- children in need ---------------------------------------------------------------------
    Indicator(
        id="cin_per_10k",
        name="Children in need per 10,000 children",
        section="in_need",
        definition="Children with an open referral (a CIN episode) at the end of the as-at "
        "date, per 10,000 children aged 0 to 17. As in the DfE's figure, this includes "
        "children on a child protection plan and children looked after.",
        source="DfE",
        numerator="Children with a referral on or before the as-at date not closed by it",
        denominator=PER_10K_CHILDREN,
        period_rule=AS_AT,
        better="neither",
        unit="rate",
        attribution=ALLOCATED_AS_AT,
        statement="{value} children per 10,000 were children in need ({numerator} children)",
        england_path="children_in_need.at_31_march_2024.rate_per_10k",
    ),
    # -- children in care ---------------------------------------------------------------------
    Indicator(
        id="cla_per_10k",
        name="Children looked after per 10,000 children",
        section="in_care",
        definition="Children looked after at the end of the as-at date, per 10,000 children "
        "aged 0 to 17. Children looked after only under a series of short breaks (legal status "
        "V3 or V4) are left out, as in the DfE's figure.",
        source="DfE",
        numerator="Children with an episode of care open at the end of the as-at date",
        denominator=PER_10K_CHILDREN,
        period_rule="As at one date (the end of the period, or today). An episode ending on "
        "the as-at date is no longer open.",
        better="neither",
        unit="rate",
        attribution=ALLOCATED_AS_AT,
        statement="{value} children per 10,000 were looked after ({numerator} children)",
        england_path="children_looked_after.at_31_march_2025.rate_per_10k",
    ),
    Indicator(
        id="cla_reviews_in_time_pct",
        name="Children in care whose reviews are up to date",
        section="in_care",
        definition="Children looked after whose latest review was in time on the as-at date: "
        "with no review yet, within 20 working days of becoming looked after; after the first, "
        "within 3 months of it; after later ones, within 6 months of the last "
        "(the statutory children_in_care review timescales).",
        source="Ofsted",
        numerator="Children whose next review was not overdue on the as-at date",
        denominator="Children looked after on the as-at date",
        period_rule="As at one date (the end of the period, or today); reviews count from the "
        "start of the child's current period of care.",
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children in care had their reviews up to date "
        "({numerator} of {denominator})",
    ),
    Indicator(
        id="cla_visits_in_time_pct",
        name="Children in care visited within timescales",
        section="in_care",
        definition="Children looked after who had been seen on a statutory visit in time on "
        "the as-at date (regulation 28): within 7 days of their current placement starting, "
        "then every 6 weeks, or every 3 months after the first year of a placement intended to "
        "last until they are 18.",
        source="Ofsted",
        numerator="Children whose next visit was not overdue on the as-at date",
        denominator="Children looked after on the as-at date",
        period_rule=AS_AT,
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children in care had been visited within timescales "
        "({numerator} of {denominator})",
    ),
    Indicator(
        id="cla_iha_within_20_wd_pct",
        name="Initial health assessments within 20 working days",
        section="in_care",
        definition="Children who started a period of care and had their initial health "
        "assessment within 20 working days of becoming looked after. A child whose 20 working "
        "days have not yet passed on the as-at date and who has not had one is left out.",
        source="Local",
        numerator="Periods of care with an initial health assessment 20 working days or fewer "
        "after the start",
        denominator="Periods of care that started in the period",
        period_rule="Start of the period of care in the period.",
        better="higher",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the day they became looked after"),
        statement="{value} of children coming into care had their initial health assessment "
        "within 20 working days ({numerator} of {denominator})",
    ),
    Indicator(
        id="cla_health_assessment_up_to_date_pct",
        name="Children in care with health assessments up to date",
        section="in_care",
        definition="Children looked after continuously for 12 months or more whose latest "
        "health assessment (initial or review) was within 6 months before the as-at date if "
        "they were under 5, or within 12 months if 5 or over (the DfE's cohort for health "
        "outcomes).",
        source="DfE",
        numerator="Children with a health assessment within the time for their age",
        denominator="Children looked after for 12 months or more on the as-at date",
        period_rule=AS_AT,
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children in care for a year or more had their health "
        "assessments up to date ({numerator} of {denominator})",
        england_path="children_looked_after.health_assessment_up_to_date_pct",
    ),
    Indicator(
        id="cla_dental_check_12m_pct",
        name="Children in care with a dental check in the last 12 months",
        section="in_care",
        definition="Children looked after continuously for 12 months or more who had a dental "
        "check in the 12 months up to the as-at date.",
        source="DfE",
        numerator="Children with a dental check in the 12 months to the as-at date",
        denominator="Children looked after for 12 months or more on the as-at date",
        period_rule=AS_AT,
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children in care for a year or more had a dental check in the "
        "last 12 months ({numerator} of {denominator})",
        england_path="children_looked_after.dental_check_in_year_pct",
    ),
    Indicator(
        id="cla_rhi_within_72h_pct",
        name="Return home interviews within 72 hours",
        section="in_care",
        definition="Children returning from being missing or away who had a return home "
        "interview within 72 hours of their return, or were offered one within 72 hours and "
        "declined it (DfE statutory guidance on children who run away or go missing). A return "
        "whose 72 hours have not yet passed and without an interview is left out.",
        source="Local",
        numerator="Returns with an interview (or an offer declined) within 72 hours",
        denominator="Returns in the period",
        period_rule="Return date (London time) in the period.",
        better="higher",
        unit="percent",
        attribution=ALLOCATED_ON.format(when="the day of the return"),
        statement="{value} of children returning from missing had a return home interview "
        "within 72 hours ({numerator} of {denominator})",
    ),
    Indicator(
        id="cla_3plus_placements_pct",
        name="Children in care with 3 or more placements in the year",
        section="in_care",
        definition="Children looked after on the as-at date who had three or more placements "
        "in the 12 months up to it (the DfE's short-term stability measure). The placement at "
        "the start of the 12 months counts; so does each new placement with new carers "
        "(reason for new episode S, P or T). A change of legal status only (L) or of placement "
        "type with the same carers (B, U) is not a new placement.",
        source="DfE",
        numerator="Children with 3 or more placements in the 12 months",
        denominator="Children looked after on the as-at date (short breaks left out)",
        period_rule="The 12 months up to the as-at date, whatever the period chosen.",
        better="lower",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children in care had 3 or more placements in the year "
        "({numerator} of {denominator})",
        england_path="children_looked_after.three_or_more_placements_in_year_pct",
        england_when="year ending 31 March 2025",
    ),
    Indicator(
        id="cla_long_term_stability_pct",
        name="Children in care in a stable long-term placement",
        section="in_care",
        definition="Children under 16 looked after continuously for 2½ years or more who had "
        "been in the same placement for 2 years or more, or who were placed for adoption and "
        "whose adoption placement and the placement before it together lasted 2 years or more "
        "(the DfE's long-term stability measure).",
        source="DfE",
        numerator="Such children in the same placement (or adoption placement and the one "
        "before it) for 2 years or more",
        denominator="Children under 16 on the as-at date looked after for 2½ years or more",
        period_rule=AS_AT,
        better="higher",
        unit="percent",
        attribution=ALLOCATED_AS_AT,
        statement="{value} of children in care for 2½ years or more had been in the same "
        "placement for 2 years ({numerator} of {denominator})",
        england_path="children_looked_after.long_term_stability_pct",
    ),
    # -- care leavers -------------------------------------------------------------------------
    Indicator(
        id="care_leavers_suitable_accommodation_pct",
        name="Care leavers aged 19 to 21 in suitable accommodation",
        section="care_leavers",
        definition="Care leavers whose 19th, 20th or 21st birthday fell in the period, whose "
        "latest keeping-in-touch record from 3 months before that birthday to 1 month after "
        "says they were in suitable accommodation (an SSDA903 code ending in 1). A care "
        "leaver is a young person who was looked after on or after their 16th birthday; the "
        "DfE's further test of 13 "
        "weeks in care after their 14th birthday is not applied. Young people who have died "
        "are left out.",
        source="DfE",
        numerator="Care leavers whose record gives an accommodation code ending in 1 (suitable)",
        denominator=CARE_LEAVERS_TURNING_19_TO_21,
        period_rule=BIRTHDAY_RULE,
        better="higher",
        unit="percent",
        attribution=PERSONAL_ADVISER,
        statement="{value} of care leavers aged 19 to 21 were in suitable accommodation "
        "({numerator} of {denominator})",
        england_path="care_leavers.suitable_accommodation_pct.age_19_21",
    ),
    Indicator(
        id="care_leavers_eet_pct",
        name="Care leavers aged 19 to 21 in education, employment or training",
        section="care_leavers",
        definition="Care leavers (as above) whose keeping-in-touch record says they were in "
        "education, employment or training (activity F1, P1, F2, P2, F4, P4, F5 or P5).",
        source="DfE",
        numerator="Care leavers in education, employment or training",
        denominator=CARE_LEAVERS_TURNING_19_TO_21,
        period_rule=BIRTHDAY_RULE,
        better="higher",
        unit="percent",
        attribution=PERSONAL_ADVISER,
        statement="{value} of care leavers aged 19 to 21 were in education, employment or "
        "training ({numerator} of {denominator})",
        england_path="care_leavers.eet_age_19_21_pct",
    ),
    Indicator(
        id="care_leavers_in_touch_pct",
        name="Care leavers aged 19 to 21 the council is in touch with",
        section="care_leavers",
        definition="Care leavers (as above) whose keeping-in-touch record says the council was "
        "in touch with them (YES). No record counts as not in touch.",
        source="DfE",
        numerator="Care leavers the council was in touch with",
        denominator=CARE_LEAVERS_TURNING_19_TO_21,
        period_rule=BIRTHDAY_RULE,
        better="higher",
        unit="percent",
        attribution=PERSONAL_ADVISER,
        statement="The council was in touch with {value} of care leavers aged 19 to 21 "
        "({numerator} of {denominator})",
    ),
)

CATALOGUE: dict[str, Indicator] = {indicator.id: indicator for indicator in _INDICATORS}
IDS: tuple[str, ...] = tuple(CATALOGUE)


def in_section(section: str) -> list[Indicator]:
    return [i for i in _INDICATORS if i.section == section]
