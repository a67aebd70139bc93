-- The measures' contributions add up to the health score of their week:
-- the score is rounded to two decimals, the contributions are not, so they
-- may differ by half a hundredth.

select
    account_id,
    week_start_date,
    max(health_score) as health_score,
    sum(contribution_points) as contribution_total

from {{ ref('fct_account_health_drivers') }}

where health_score is not null

group by 1, 2

having abs(max(health_score) - sum(contribution_points)) > 0.005 + 0.000000001
