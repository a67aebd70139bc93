{# One row per churn label and metric (each health measure, and the health
    score itself): whether churn falls or rises across the metric's decile
    cohorts, the lift between the top and bottom cohorts, and the lead time,
    the number of weeks before churn in which the churned accounts' metric
    already sits apart from retained accounts of the same tenure.

    Cohorts: observations are ranked by the metric, and an observation of
    rank r among n falls into cohort 1 + floor(10 (r - 1) / n), so tied
    values share a cohort and a metric with many zeros leaves some cohorts
    empty. Only uncensored observations with a label count.

    Lead time: each churned account's observations are placed k = 1, 2, ...
    weeks before its churn date (k = 1 when it churns in the 7 days after
    the observation date) and standardised against the retained accounts'
    uncensored observations of the same tenure week. Week k departs when the
    churned observations' mean is at least adoption__lead_time_min_effect_sd
    standard deviations away, at least two standard errors from zero, and
    on the same side as in week 1. The lead time is the number of
    consecutive departed weeks from week 1, at most
    adoption__lead_time_max_weeks. #}

{%- set labels = ['activity_churn', 'subscription_churn'] -%}
{%- set cohort_count = 10 -%}

with

observations as (

    select * from {{ ref('fct_account_observations') }}

),

measures as (

    select * from {{ ref('int_account_health_measures') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

activity_churns as (

    select * from {{ ref('int_account_activity_churns') }}

),

metric_values as (

    select
        observations.account_id,
        observations.observation_date,
        observations.account_age_days,
        observations.is_censored,
        observations.is_activity_churn,
        observations.is_subscription_churn,
        measures.measure_name as metric_name,
        measures.signal,
        measures.measure_value as metric_value

    from observations

    inner join measures
        on
            observations.account_id = measures.account_id
            and observations.week_start_date = measures.week_start_date

    where measures.measure_value is not null

    union all

    select
        account_id,
        observation_date,
        account_age_days,
        is_censored,
        is_activity_churn,
        is_subscription_churn,
        'health_score' as metric_name,
        'accelerator' as signal,
        health_score as metric_value

    from observations

    where health_score is not null

),

-- Churn rate by decile cohort -------------------------------------------------

labelled_values as (

    {%- for label in labels %}

    select
        '{{ label }}' as label_name,
        metric_name,
        signal,
        metric_value,
        is_{{ label }} as is_positive

    from metric_values

    where not is_censored and is_{{ label }} is not null
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

cohorted as (

    select
        *,
        1 + cast(floor(
            {{ cohort_count }} * {{ adoption_safe_divide(
                'rank() over (partition by label_name, metric_name order by metric_value) - 1',
                'count(*) over (partition by label_name, metric_name)'
            ) }}
        ) as {{ dbt.type_int() }}) as cohort

    from labelled_values

),

cohort_rates as (

    select
        label_name,
        metric_name,
        cohort,
        max(signal) as signal,
        count(*) as observations,
        sum(case when is_positive then 1 else 0 end) as positives,
        {{ adoption_safe_divide(
            'sum(case when is_positive then 1 else 0 end)', 'count(*)'
        ) }} as churn_rate

    from cohorted

    group by 1, 2, 3

),

cohort_steps as (

    select
        *,
        churn_rate - lag(churn_rate) over (
            partition by label_name, metric_name order by cohort
        ) as rate_step,
        row_number() over (
            partition by label_name, metric_name order by cohort
        ) as position_from_bottom,
        row_number() over (
            partition by label_name, metric_name order by cohort desc
        ) as position_from_top

    from cohort_rates

),

cohort_summary as (

    select
        label_name,
        metric_name,
        max(signal) as signal,
        sum(observations) as observations,
        sum(positives) as positives,
        count(*) as filled_cohorts,
        {%- for cohort in range(1, cohort_count + 1) %}
        max(case when cohort = {{ cohort }} then churn_rate end)
            as cohort_{{ cohort }}_churn_rate,
        {%- endfor %}
        min(rate_step) as min_rate_step,
        max(rate_step) as max_rate_step,
        max(case when position_from_bottom = 1 then churn_rate end) as bottom_churn_rate,
        max(case when position_from_top = 1 then churn_rate end) as top_churn_rate

    from cohort_steps

    group by 1, 2

),

-- Lead time before churn ------------------------------------------------------

churn_dates as (

    select
        'subscription_churn' as label_name,
        account_id,
        churned_on

    from lifespans

    where churned_on is not null

    union all

    select
        'activity_churn' as label_name,
        account_id,
        min(churned_on) as churned_on

    from activity_churns

    group by 2

),

label_names as (

    {%- for label in labels %}

    select '{{ label }}' as label_name
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

dated_values as (

    select
        label_names.label_name,
        metric_values.account_id,
        metric_values.observation_date,
        metric_values.is_censored,
        metric_values.metric_name,
        metric_values.metric_value,
        cast(floor(metric_values.account_age_days / 7.0) as {{ dbt.type_int() }})
            as tenure_week,
        churn_dates.churned_on

    from metric_values

    cross join label_names

    left join churn_dates
        on
            label_names.label_name = churn_dates.label_name
            and metric_values.account_id = churn_dates.account_id

),

retained_reference as (

    select
        label_name,
        metric_name,
        tenure_week,
        avg(metric_value) as retained_mean,
        stddev_samp(metric_value) as retained_sd

    from dated_values

    where churned_on is null and not is_censored

    group by 1, 2, 3

),

churned_offsets as (

    select
        label_name,
        metric_name,
        tenure_week,
        metric_value,
        1 + cast(floor(
            {{ dbt.datediff(
                'observation_date', 'churned_on', 'day'
            ) }} / 7.0
        ) as {{ dbt.type_int() }}) as weeks_before_churn

    from dated_values

    where churned_on is not null and observation_date <= churned_on

),

standardised as (

    select
        churned_offsets.label_name,
        churned_offsets.metric_name,
        churned_offsets.weeks_before_churn,
        (churned_offsets.metric_value - retained_reference.retained_mean)
        / retained_reference.retained_sd as effect_sd

    from churned_offsets

    inner join retained_reference
        on
            churned_offsets.label_name = retained_reference.label_name
            and churned_offsets.metric_name = retained_reference.metric_name
            and churned_offsets.tenure_week = retained_reference.tenure_week

    where
        retained_reference.retained_sd > 0
        and churned_offsets.weeks_before_churn <= {{ var('adoption__lead_time_max_weeks') }}

),

weekly_effects as (

    select
        label_name,
        metric_name,
        weeks_before_churn,
        avg(effect_sd) as mean_effect_sd,
        stddev_samp(effect_sd) as effect_sd_spread,
        count(*) as churned_observations

    from standardised

    group by 1, 2, 3

),

first_week_effects as (

    select
        label_name,
        metric_name,
        mean_effect_sd as week_1_effect_sd

    from weekly_effects

    where weeks_before_churn = 1

),

{%- set min_effect_sd = var('adoption__lead_time_min_effect_sd') %}

departures as (

    select
        weekly_effects.*,
        coalesce(
            abs(weekly_effects.mean_effect_sd) >= {{ min_effect_sd }}
            and abs(weekly_effects.mean_effect_sd) >= 2 * weekly_effects.effect_sd_spread
            / sqrt(weekly_effects.churned_observations)
            and weekly_effects.mean_effect_sd * first_week_effects.week_1_effect_sd > 0,
            false
        ) as is_departed

    from weekly_effects

    inner join first_week_effects
        on
            weekly_effects.label_name = first_week_effects.label_name
            and weekly_effects.metric_name = first_week_effects.metric_name

),

{# A run of departed weeks ends at the first week that did not depart or
    that has no churned observation at all (a gap in week numbers). #}
departure_runs as (

    select
        *,
        sum(case when is_departed then 0 else 1 end) over (
            partition by label_name, metric_name
            order by weeks_before_churn
            rows between unbounded preceding and current row
        ) as breaks_so_far,
        row_number() over (
            partition by label_name, metric_name order by weeks_before_churn
        ) as week_position

    from departures

),

lead_times as (

    select
        label_name,
        metric_name,
        coalesce(max(case
            when breaks_so_far = 0 and week_position = weeks_before_churn
                then weeks_before_churn
        end), 0) as lead_time_weeks,
        max(case when weeks_before_churn = 1 then mean_effect_sd end) as week_1_effect_sd,
        max(case when weeks_before_churn = 1 then churned_observations end)
            as week_1_churned_observations

    from departure_runs

    group by 1, 2

),

final as (

    select
        -- grain
        cohort_summary.label_name,
        cohort_summary.metric_name,

        -- the metric
        cohort_summary.signal,
        cohort_summary.observations,
        cohort_summary.positives,
        {{ adoption_safe_divide('cohort_summary.positives', 'cohort_summary.observations') }}
            as churn_rate,

        -- churn rate by decile cohort, lowest metric values first
        {%- for cohort in range(1, cohort_count + 1) %}
        cohort_summary.cohort_{{ cohort }}_churn_rate,
        {%- endfor %}
        cohort_summary.filled_cohorts,
        case
            when cohort_summary.filled_cohorts >= 2
                then cohort_summary.min_rate_step >= 0 or cohort_summary.max_rate_step <= 0
        end as is_monotonic,
        case
            when cohort_summary.top_churn_rate > cohort_summary.bottom_churn_rate
                then 'rising'
            when cohort_summary.top_churn_rate < cohort_summary.bottom_churn_rate
                then 'falling'
            else 'flat'
        end as churn_rate_trend,
        {{ adoption_safe_divide(
            'cohort_summary.top_churn_rate', 'cohort_summary.bottom_churn_rate'
        ) }} as top_bottom_lift,

        -- lead time
        coalesce(lead_times.lead_time_weeks, 0) as lead_time_weeks,
        lead_times.week_1_effect_sd,
        lead_times.week_1_churned_observations,
        case
            when lead_times.lead_time_weeks > 0 and lead_times.week_1_effect_sd < 0
                then 'lower'
            when lead_times.lead_time_weeks > 0 and lead_times.week_1_effect_sd > 0
                then 'higher'
        end as departure_direction

    from cohort_summary

    left join lead_times
        on
            cohort_summary.label_name = lead_times.label_name
            and cohort_summary.metric_name = lead_times.metric_name

)

select * from final
