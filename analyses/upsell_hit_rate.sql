-- Hit rate of the upsell candidates: the share of candidate weeks followed
-- by an upgrade within adoption__upsell_outcome_window_weeks weeks, against
-- the same share over the other weeks in which an account paid for a
-- running subscription. Only weeks whose whole outcome window the
-- subscription data covers are counted. Weeks of one account are not
-- independent, so the account counts are shown beside the week counts.
--
-- Run it with `dbt compile --select upsell_hit_rate` and execute the SQL in
-- target/compiled/adoption_intelligence/analyses/upsell_hit_rate.sql.

with

outcomes as (

    select * from {{ ref('int_account_upgrade_outcomes') }}

),

candidates as (

    select * from {{ ref('fct_upsell_candidates') }}

),

labelled as (

    select
        outcomes.account_id,
        outcomes.upgraded_within_window,
        case
            when candidates.account_id is not null then 'candidate'
            else 'non_candidate'
        end as week_group

    from outcomes

    left join candidates
        on
            outcomes.account_id = candidates.account_id
            and outcomes.week_start_date = candidates.week_start_date

    where outcomes.upgraded_within_window is not null

),

rates as (

    select
        week_group,
        count(*) as observed_weeks,
        sum(case when upgraded_within_window then 1 else 0 end) as weeks_followed_by_upgrade,
        count(distinct account_id) as account_count,
        count(distinct case when upgraded_within_window then account_id end)
            as upgraded_account_count,
        {{ adoption_safe_divide(
            'sum(case when upgraded_within_window then 1 else 0 end)', 'count(*)'
        ) }} as upgrade_rate

    from labelled

    group by 1

),

compared as (

    select
        rates.*,
        {{ adoption_safe_divide('rates.upgrade_rate', 'base.upgrade_rate') }}
            as lift_over_non_candidates

    from rates

    cross join rates as base

    where base.week_group = 'non_candidate'

)

select * from compared

order by 1
