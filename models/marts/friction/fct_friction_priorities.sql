{# One row per friction (feature and kind) over the most recent
    adoption__friction_priority_months months whose outcome window is over:
    the months it was ranked in, the accounts and ARR it touched, the excess
    churned ARR it went with, and the Mantel-Haenszel odds ratio of churn
    pooled over those months. Ranked by excess churned ARR: the list of
    frictions to fix first. #}

with

friction_points as (

    select * from {{ ref('fct_friction_points') }}

),

observed_months as (

    select distinct period_start_date

    from friction_points

    where is_outcome_observed

),

recent_months as (

    select period_start_date

    from (
        select
            period_start_date,
            row_number() over (order by period_start_date desc) as recency_rank
        from observed_months
    ) as numbered_months

    where recency_rank <= {{ var('adoption__friction_priority_months') }}

),

recent_points as (

    select friction_points.*

    from friction_points

    inner join recent_months
        on friction_points.period_start_date = recent_months.period_start_date

),

{# Each month is one stratum of the Mantel-Haenszel estimate: a = affected
   and churned, b = affected and retained, c = unaffected and churned,
   d = unaffected and retained, n = active accounts. #}
strata as (

    select
        *,
        cast(
            affected_churned * (active_accounts - accounts_affected - unaffected_churned)
            as {{ adoption_type_double() }}
        ) / active_accounts as mantel_haenszel_numerator,
        cast(
            (accounts_affected - affected_churned) * unaffected_churned
            as {{ adoption_type_double() }}
        ) / active_accounts as mantel_haenszel_denominator

    from recent_points

),

pooled as (

    select
        feature,
        friction_kind,
        min(journey_stage) as journey_stage,
        count(*) as months_present,
        sum(case when is_ranked then 1 else 0 end) as months_ranked,
        sum(occurrences) as occurrences,
        max(accounts_affected) as peak_monthly_accounts_affected,
        avg(share_of_active_accounts) as average_share_of_active_accounts,
        max(arr_affected) as peak_monthly_arr_affected,
        sum(case when is_ranked then excess_churned_arr else 0 end) as excess_churned_arr,
        {{ adoption_safe_divide(
            'sum(mantel_haenszel_numerator)', 'sum(mantel_haenszel_denominator)'
        ) }} as pooled_churn_odds_ratio

    from strata

    group by 1, 2

),

final as (

    select
        *,
        case
            when months_ranked > 0
                then row_number() over (
                    partition by months_ranked > 0
                    order by
                        excess_churned_arr desc, peak_monthly_accounts_affected desc,
                        feature asc, friction_kind asc
                )
        end as priority_rank

    from pooled

)

select * from final
