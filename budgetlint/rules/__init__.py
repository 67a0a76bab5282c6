"""The rules that run, listed once. The catalogue (`budgetlint rules`, docs/rules.md) is built from it."""

from __future__ import annotations

from ..rule import Rule
from ..schema_check import SCHEMA_RULES
from . import arithmetic, crosstable, narrative, summary, text
from .reading import INTERNAL_ERROR, READING_RULES, WAIVER_RULES

# Order is the order of the catalogue; findings are sorted by position anyway.
ALL_RULES: tuple[Rule, ...] = (
    arithmetic.totals_equal_sum_of_rows,
    arithmetic.unit_equals_sum_of_rows,
    arithmetic.class_subtotal_equals_items,
    arithmetic.total_is_basic_plus_project,
    arithmetic.basic_is_personnel_plus_public,
    arithmetic.project_is_operating_plus_targeted,
    arithmetic.source_group_total,
    arithmetic.row_total_is_sum_of_sources,
    arithmetic.fiscal_within_general_budget,
    arithmetic.economic_row_is_personnel_plus_public,
    arithmetic.three_public_total,
    arithmetic.department_performance_budget,
    summary.summary_revenue_sum,
    summary.summary_expenditure_sum,
    summary.summary_grand_totals,
    summary.summary_balance,
    summary.fiscal_summary_sums,
    summary.fiscal_summary_balance,
    crosstable.summary_expenditure_matches_expenditure_table,
    crosstable.summary_revenue_matches_revenue_table,
    crosstable.expenditure_equals_fund_tables,
    crosstable.fiscal_summary_matches_fund_tables,
    crosstable.fiscal_summary_revenue_matches_revenue_table,
    crosstable.fiscal_carryover_within_summary,
    crosstable.basic_economic_matches_general_expenditure,
    crosstable.basic_items_within_economic_summary,
    crosstable.three_public_matches_economic_summary,
    crosstable.fund_tables_match_revenue,
    crosstable.projects_match_expenditure,
    crosstable.performance_projects_match_projects,
    crosstable.department_performance_matches_tables,
    narrative.narrative_amount_matches_tables,
    narrative.narrative_share,
    narrative.narrative_change_matches_previous_year,
    narrative.narrative_growth_rate,
    narrative.growth_from_zero_base,
    narrative.narrative_parts_sum,
    narrative.narrative_project_count,
    text.required_table_present,
    text.empty_table_needs_note,
    text.three_public_section_complete,
    text.department_name_consistent,
    text.unit_names_consistent,
    text.project_names_consistent,
    text.comparison_names_previous_year,
    text.project_year_not_in_future,
    text.amount_without_unit,
    text.unit_magnitude,
    text.repeated_word,
    text.change_without_reason,
    text.operating_expenses_equal_public_expenditure,
    text.counts_add_up,
)

CATALOGUE: tuple[Rule, ...] = READING_RULES + SCHEMA_RULES + ALL_RULES + WAIVER_RULES + (INTERNAL_ERROR,)
