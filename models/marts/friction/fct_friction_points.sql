{# One row per friction (feature and kind) and calendar month: how often it
    happened, whom it touched, the revenue of the accounts it touched, and
    how the churn and downgrade of those accounts in the following
    adoption__friction_outcome_days compare with the other accounts active
    that month. Frictions touching fewer than adoption__friction_min_accounts
    accounts, or whose outcome window is not over, are not ranked. #}

{% set min_accounts = var('adoption__friction_min_accounts') %}
{#- Counts are cast to double before the half-account corrections: Spark
    adds an integer and 0.5 as decimals, and its decimal division keeps
    six places when nested divisions run out of precision. -#}
{% set double = adoption_type_double() %}

with

occurrences as (

    select * from {{ ref('int_friction_occurrences') }}

),

monthly_outcomes as (

    select * from {{ ref('int_account_monthly_outcomes') }}

),

catalog as (

    select * from {{ ref('stg_catalog__event_catalog') }}

),

feature_stages as (

    select
        feature,
        min(journey_stage) as journey_stage

    from catalog

    group by 1

),

monthly_occurrences as (

    select
        cast({{ dbt.date_trunc('month', 'occurred_date') }} as date) as period_start_date,
        feature,
        friction_kind,
        account_id,
        user_id,
        severity_weight

    from occurrences

),

frictions as (

    select
        period_start_date,
        feature,
        friction_kind,
        count(*) as occurrences,
        sum(severity_weight) as weighted_occurrences,
        count(distinct user_id) as users_affected

    from monthly_occurrences

    group by 1, 2, 3

),

affected_accounts as (

    select distinct
        period_start_date,
        feature,
        friction_kind,
        account_id

    from monthly_occurrences

),

{# Every active account of the month, marked affected or not by each
   friction of that month. #}
exposure as (

    select
        frictions.period_start_date,
        frictions.feature,
        frictions.friction_kind,
        monthly_outcomes.account_id,
        monthly_outcomes.arr,
        monthly_outcomes.is_outcome_observed,
        monthly_outcomes.churned_in_window,
        monthly_outcomes.downgraded_in_window,
        affected_accounts.account_id is not null as is_affected

    from frictions

    inner join monthly_outcomes
        on frictions.period_start_date = monthly_outcomes.period_start_date

    left join affected_accounts
        on
            frictions.period_start_date = affected_accounts.period_start_date
            and frictions.feature = affected_accounts.feature
            and frictions.friction_kind = affected_accounts.friction_kind
            and monthly_outcomes.account_id = affected_accounts.account_id

),

contingency as (

    select
        period_start_date,
        feature,
        friction_kind,
        max(case when is_outcome_observed then 1 else 0 end) = 1 as is_outcome_observed,
        count(*) as active_accounts,
        sum(case when is_affected then 1 else 0 end) as accounts_affected,
        sum(case when is_affected then arr else 0 end) as arr_affected,
        sum(case when is_affected and churned_in_window then 1 else 0 end)
            as affected_churned,
        sum(case when not is_affected and churned_in_window then 1 else 0 end)
            as unaffected_churned,
        sum(case when is_affected and downgraded_in_window then 1 else 0 end)
            as affected_downgraded,
        sum(case when not is_affected and downgraded_in_window then 1 else 0 end)
            as unaffected_downgraded

    from exposure

    group by 1, 2, 3

),

rates as (

    select
        frictions.period_start_date,
        frictions.feature,
        frictions.friction_kind,
        frictions.occurrences,
        frictions.weighted_occurrences,
        frictions.users_affected,
        contingency.accounts_affected,
        contingency.active_accounts,
        contingency.arr_affected,
        contingency.is_outcome_observed,
        contingency.affected_churned,
        contingency.unaffected_churned,
        contingency.active_accounts - contingency.accounts_affected as accounts_unaffected,
        {{ adoption_safe_divide('contingency.accounts_affected', 'contingency.active_accounts') }}
            as share_of_active_accounts,
        case
            when contingency.is_outcome_observed then
            {{ adoption_safe_divide(
                'contingency.affected_churned', 'contingency.accounts_affected'
            ) }}
        end as churn_rate_affected,
        case
            when contingency.is_outcome_observed then
            {{ adoption_safe_divide(
                'contingency.unaffected_churned',
                'contingency.active_accounts - contingency.accounts_affected'
            ) }}
        end as churn_rate_unaffected,
        case
            when contingency.is_outcome_observed then
            {{ adoption_safe_divide(
                'contingency.affected_downgraded', 'contingency.accounts_affected'
            ) }}
        end as downgrade_rate_affected,
        case
            when contingency.is_outcome_observed then
            {{ adoption_safe_divide(
                'contingency.unaffected_downgraded',
                'contingency.active_accounts - contingency.accounts_affected'
            ) }}
        end as downgrade_rate_unaffected

    from frictions

    inner join contingency
        on
            frictions.period_start_date = contingency.period_start_date
            and frictions.feature = contingency.feature
            and frictions.friction_kind = contingency.friction_kind

),

{# The odds ratio of churn for affected against unaffected accounts, with a
   95 % confidence interval from the standard error of its logarithm
   (Woolf). Half a count is added to every cell so that empty cells give a
   finite ratio (Haldane-Anscombe). #}
odds as (

    select
        *,
        ln(
            (cast(affected_churned as {{ double }}) + 0.5)
            * (cast(accounts_unaffected - unaffected_churned as {{ double }}) + 0.5)
            / (
                (cast(accounts_affected - affected_churned as {{ double }}) + 0.5)
                * (cast(unaffected_churned as {{ double }}) + 0.5)
            )
        ) as log_odds_ratio,
        sqrt(
            1 / (cast(affected_churned as {{ double }}) + 0.5)
            + 1 / (cast(accounts_affected - affected_churned as {{ double }}) + 0.5)
            + 1 / (cast(unaffected_churned as {{ double }}) + 0.5)
            + 1 / (cast(accounts_unaffected - unaffected_churned as {{ double }}) + 0.5)
        ) as log_odds_ratio_standard_error

    from rates

),

judged as (

    select
        *,
        accounts_affected >= {{ min_accounts }} as has_min_support,
        {{ adoption_safe_divide('churn_rate_affected', 'churn_rate_unaffected') }}
            as churn_lift,
        case when is_outcome_observed then exp(log_odds_ratio) end as churn_odds_ratio,
        case
            when is_outcome_observed then
                exp(log_odds_ratio - 1.96 * log_odds_ratio_standard_error)
        end as churn_odds_ratio_ci_low,
        case
            when is_outcome_observed then
                exp(log_odds_ratio + 1.96 * log_odds_ratio_standard_error)
        end as churn_odds_ratio_ci_high,
        {# ARR of the affected accounts that churned beyond what the
           unaffected accounts' churn rate predicts. #}
        arr_affected * (churn_rate_affected - churn_rate_unaffected) as excess_churned_arr

    from odds

),

ranked as (

    select
        *,
        is_outcome_observed and has_min_support as is_ranked,
        case
            when not has_min_support
                then 'fewer than {{ min_accounts }} accounts affected'
            when not is_outcome_observed then 'outcome window not over'
        end as not_ranked_reason

    from judged

),

trended as (

    select
        ranked.*,
        ranked.accounts_affected - lag(ranked.accounts_affected) over (
            partition by ranked.feature, ranked.friction_kind order by ranked.period_start_date
        ) as accounts_affected_change,
        lag(ranked.period_start_date) over (
            partition by ranked.feature, ranked.friction_kind order by ranked.period_start_date
        ) as previous_period_start_date

    from ranked

),

final as (

    select
        -- grain
        trended.period_start_date,
        trended.feature,
        trended.friction_kind,

        -- reach
        feature_stages.journey_stage,
        trended.occurrences,
        trended.weighted_occurrences,
        trended.users_affected,
        trended.accounts_affected,
        trended.active_accounts,
        trended.share_of_active_accounts,
        trended.arr_affected,

        -- outcomes in the following window
        trended.is_outcome_observed,
        case when trended.is_outcome_observed then trended.affected_churned end
            as affected_churned,
        case when trended.is_outcome_observed then trended.unaffected_churned end
            as unaffected_churned,
        trended.churn_rate_affected,
        trended.churn_rate_unaffected,
        {{ adoption_round('trended.churn_lift', 4) }} as churn_lift,
        {{ adoption_round('trended.churn_odds_ratio', 4) }} as churn_odds_ratio,
        {{ adoption_round('trended.churn_odds_ratio_ci_low', 4) }} as churn_odds_ratio_ci_low,
        {{ adoption_round('trended.churn_odds_ratio_ci_high', 4) }} as churn_odds_ratio_ci_high,
        trended.downgrade_rate_affected,
        trended.downgrade_rate_unaffected,
        {{ adoption_round('trended.excess_churned_arr', 2) }} as excess_churned_arr,

        -- trend: change against the previous month the friction occurred in
        case
            when
                trended.previous_period_start_date
                = cast({{ dbt.dateadd('month', -1, 'trended.period_start_date') }} as date)
                then trended.accounts_affected_change
        end as accounts_affected_change,

        -- ranking
        trended.has_min_support,
        trended.is_ranked,
        trended.not_ranked_reason,
        case
            when trended.is_ranked
                then row_number() over (
                    partition by trended.period_start_date, trended.is_ranked
                    order by
                        trended.excess_churned_arr desc,
                        trended.accounts_affected desc,
                        trended.feature asc,
                        trended.friction_kind asc
                )
        end as impact_rank

    from trended

    left join feature_stages
        on trended.feature = feature_stages.feature

)

select * from final
