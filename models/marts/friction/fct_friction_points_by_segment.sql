{# One row per friction, calendar month, breakdown dimension (plan or
    segment) and value: the reach and churn of the friction inside each
    group of accounts, so that a friction hitting one plan or segment hard
    is not averaged away. Churn rates are empty until the outcome window of
    the month is over. #}

with

occurrences as (

    select * from {{ ref('int_friction_occurrences') }}

),

monthly_outcomes as (

    select * from {{ ref('int_account_monthly_outcomes') }}

),

affected_accounts as (

    select distinct
        cast({{ dbt.date_trunc('month', 'occurred_date') }} as date) as period_start_date,
        feature,
        friction_kind,
        account_id

    from occurrences

),

frictions as (

    select distinct
        period_start_date,
        feature,
        friction_kind

    from affected_accounts

),

account_groups as (

    select
        account_id,
        period_start_date,
        'plan' as dimension_name,
        coalesce(plan, '(none)') as dimension_value,
        arr,
        is_outcome_observed,
        churned_in_window

    from monthly_outcomes

    union all

    select
        account_id,
        period_start_date,
        'segment' as dimension_name,
        coalesce(segment, '(none)') as dimension_value,
        arr,
        is_outcome_observed,
        churned_in_window

    from monthly_outcomes

),

exposure as (

    select
        frictions.period_start_date,
        frictions.feature,
        frictions.friction_kind,
        account_groups.dimension_name,
        account_groups.dimension_value,
        account_groups.arr,
        account_groups.is_outcome_observed,
        account_groups.churned_in_window,
        affected_accounts.account_id is not null as is_affected

    from frictions

    inner join account_groups
        on frictions.period_start_date = account_groups.period_start_date

    left join affected_accounts
        on
            frictions.period_start_date = affected_accounts.period_start_date
            and frictions.feature = affected_accounts.feature
            and frictions.friction_kind = affected_accounts.friction_kind
            and account_groups.account_id = affected_accounts.account_id

),

grouped as (

    select
        period_start_date,
        feature,
        friction_kind,
        dimension_name,
        dimension_value,
        max(case when is_outcome_observed then 1 else 0 end) = 1 as is_outcome_observed,
        count(*) as active_accounts,
        sum(case when is_affected then 1 else 0 end) as accounts_affected,
        sum(case when is_affected then arr else 0 end) as arr_affected,
        sum(case when is_affected and churned_in_window then 1 else 0 end)
            as affected_churned,
        sum(case when not is_affected and churned_in_window then 1 else 0 end)
            as unaffected_churned

    from exposure

    group by 1, 2, 3, 4, 5

),

final as (

    select
        period_start_date,
        feature,
        friction_kind,
        dimension_name,
        dimension_value,
        accounts_affected,
        active_accounts,
        {{ adoption_safe_divide('accounts_affected', 'active_accounts') }}
            as share_of_active_accounts,
        arr_affected,
        is_outcome_observed,
        case
            when is_outcome_observed then
                {{ adoption_safe_divide('affected_churned', 'accounts_affected') }}
        end as churn_rate_affected,
        case
            when is_outcome_observed then
            {{ adoption_safe_divide(
                'unaffected_churned', 'active_accounts - accounts_affected'
            ) }}
        end as churn_rate_unaffected

    from grouped

    where accounts_affected > 0

)

select * from final
