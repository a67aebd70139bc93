{# One row per account, feature and week in which the feature's use fell:
    events in the complete trailing window that ends with the week are at
    least adoption__friction_decline_min_drop below those of the complete
    window of equal length before it, from at least
    adoption__friction_decline_min_events. Both windows must lie inside the
    account's scored weeks, which are complete weeks only, so a partial
    current week never reads as a decline. #}

{% set window_weeks = (var('adoption__feature_window_days') / 7) | int %}

with

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

feature_daily as (

    select * from {{ ref('int_account_feature_daily_usage') }}

),

weekly_feature_events as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        feature_daily.feature,
        sum(feature_daily.events) as events

    from account_weeks

    inner join feature_daily
        on
            account_weeks.account_id = feature_daily.account_id
            and account_weeks.week_start_date <= feature_daily.activity_date
            and account_weeks.week_end_date > feature_daily.activity_date

    group by 1, 2, 3

),

account_features as (

    select distinct
        account_id,
        feature

    from weekly_feature_events

),

{# Every week of every feature the account ever used, so that the window
   sums below count weeks without use as zero. #}
dense_weeks as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,
        account_features.feature,
        coalesce(weekly_feature_events.events, 0) as events

    from account_weeks

    inner join account_features
        on account_weeks.account_id = account_features.account_id

    left join weekly_feature_events
        on
            account_weeks.account_id = weekly_feature_events.account_id
            and account_weeks.week_start_date = weekly_feature_events.week_start_date
            and account_features.feature = weekly_feature_events.feature

),

windows as (

    select
        *,
        sum(events) over (
            partition by account_id, feature
            order by week_start_date
            rows between {{ window_weeks - 1 }} preceding and current row
        ) as events_in_window,
        sum(events) over (
            partition by account_id, feature
            order by week_start_date
            rows between {{ 2 * window_weeks - 1 }} preceding
            and {{ window_weeks }} preceding
        ) as events_in_previous_window,
        count(*) over (
            partition by account_id, feature
            order by week_start_date
            rows between {{ 2 * window_weeks - 1 }} preceding and current row
        ) as weeks_seen

    from dense_weeks

),

declines as (

    select
        {{ dbt.concat([
            "'decline:'", 'account_id', "':'", 'feature', "':'",
            'cast(week_start_date as ' ~ dbt.type_string() ~ ')'
        ]) }} as occurrence_id,
        'usage_decline' as friction_kind,
        feature,
        account_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(week_end_date as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(1.0 as {{ adoption_type_double() }}) as severity_weight,
        events_in_window,
        events_in_previous_window

    from windows

    where
        weeks_seen = {{ 2 * window_weeks }}
        and events_in_previous_window >= {{ var('adoption__friction_decline_min_events') }}
        and events_in_window
        <= (1 - {{ var('adoption__friction_decline_min_drop') }}) * events_in_previous_window

)

select * from declines
