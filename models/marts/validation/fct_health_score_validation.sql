{# One row per observation date and label: how well the health score of
    the week that ends on that date ranks the accounts that went on to
    churn (or downgrade), next to a baseline that knows only the active
    days of the trailing window. Rebuilt on every run from the realised
    labels, so a change of weights shows here at once.

    AUC is the Mann-Whitney rank-sum statistic: observations are ranked by
    risk (the negated score, ties given their average rank), and AUC =
    (sum of the positives' ranks - P(P + 1) / 2) / (P * N) for P positives
    and N negatives. Top-decile lift is the label rate among the riskiest
    tenth of the observations over the overall rate. Observations tied at
    the boundary of that tenth count with the share of their tie group
    that fits in it, which is the expected rate under a random tie-break. #}

{%- set labels = ['activity_churn', 'subscription_churn', 'downgrade'] -%}
{%- set top_share = 0.1 -%}

with

observations as (

    select * from {{ ref('fct_account_observations') }}

),

labelled as (

    {%- for label in labels %}

    select
        account_id,
        observation_date,
        '{{ label }}' as label_name,
        is_{{ label }} as is_positive,
        health_score,
        active_days_28d

    from observations

    where
        not is_censored
        and is_{{ label }} is not null
        and health_score is not null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

{# Risk is higher for a lower score: a healthier account should churn less. #}
risks as (

    select
        observation_date,
        label_name,
        is_positive,
        'health_score' as score_name,
        -health_score as risk

    from labelled

    union all

    select
        observation_date,
        label_name,
        is_positive,
        'active_days_baseline' as score_name,
        -cast(active_days_28d as {{ adoption_type_double() }}) as risk

    from labelled

),

ranked as (

    select
        *,
        rank() over (
            partition by observation_date, label_name, score_name order by risk
        ) as ascending_rank,
        rank() over (
            partition by observation_date, label_name, score_name order by risk desc
        ) - 1 as riskier_observations,
        count(*) over (
            partition by observation_date, label_name, score_name, risk
        ) as tied_observations,
        count(*) over (
            partition by observation_date, label_name, score_name
        ) as observations

    from risks

),

tie_adjusted as (

    select
        *,
        ascending_rank + (tied_observations - 1) / 2.0 as average_rank,
        least(greatest(
            {{ adoption_safe_divide(
                top_share ~ ' * observations - riskier_observations', 'tied_observations'
            ) }},
            0
        ), 1) as top_share_in_group

    from ranked

),

per_score as (

    select
        observation_date,
        label_name,
        score_name,
        count(*) as observations,
        sum(case when is_positive then 1 else 0 end) as positives,
        sum(case when is_positive then average_rank else 0 end) as positive_rank_sum,
        sum(case when is_positive then top_share_in_group else 0 end)
            as top_decile_positives

    from tie_adjusted

    group by 1, 2, 3

),

metrics as (

    select
        observation_date,
        label_name,
        score_name,
        observations,
        positives,
        case
            when positives > 0 and positives < observations
                then {{ adoption_safe_divide(
                    'positive_rank_sum - positives * (positives + 1) / 2.0',
                    'positives * (observations - positives)'
                ) }}
        end as auc,
        {{ adoption_safe_divide(
            adoption_safe_divide('top_decile_positives', top_share ~ ' * observations'),
            adoption_safe_divide('positives', 'observations')
        ) }} as top_decile_lift

    from per_score

),

final as (

    select
        -- grain
        observation_date,
        label_name,

        -- realised labels
        max(observations) as observations,
        max(positives) as positives,
        {{ adoption_safe_divide('max(positives)', 'max(observations)') }} as positive_rate,

        -- health score against the baseline
        max(case when score_name = 'health_score' then auc end) as health_score_auc,
        max(case when score_name = 'active_days_baseline' then auc end) as baseline_auc,
        max(case when score_name = 'health_score' then top_decile_lift end)
            as health_score_top_decile_lift,
        max(case when score_name = 'active_days_baseline' then top_decile_lift end)
            as baseline_top_decile_lift

    from metrics

    group by 1, 2

)

select * from final
