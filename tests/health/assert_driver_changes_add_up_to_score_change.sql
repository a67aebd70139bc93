-- The week-over-week changes of the measures' contributions add up to the
-- change of the health score: both scores are rounded to two decimals, the
-- contributions are not, so they may differ by one hundredth.

select
    account_id,
    week_start_date,
    max(score_change_1w) as score_change_1w,
    sum(contribution_change_1w) as contribution_change_total

from {{ ref('fct_account_health_drivers') }}

where score_change_1w is not null

group by 1, 2

having abs(max(score_change_1w) - sum(contribution_change_1w)) > 0.01 + 0.000000001
