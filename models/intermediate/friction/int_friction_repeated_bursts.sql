{# One row per burst: a user repeating one action
    adoption__friction_burst_min_repeats times or more within
    adoption__friction_burst_window_seconds, with no success of its feature
    in between. Actions the catalog marks as naturally repeated (paging,
    scrolling, bulk edits) and actions that are successes themselves never
    count. A burst whose next outcome on the feature is a failure weighs
    twice as much as one followed by a success or by nothing. #}

{% set repeats = var('adoption__friction_burst_min_repeats') %}
{% set window_seconds = var('adoption__friction_burst_window_seconds') %}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

feature_events as (

    select
        event_id,
        account_id,
        user_id,
        event_name,
        feature,
        outcome,
        is_naturally_repeated,
        occurred_at,
        {# Successes of the feature so far: equal at both ends of a burst
           means no success happened inside it. #}
        sum(case when outcome = 'success' then 1 else 0 end) over (
            partition by user_id, feature
            order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as successes_so_far,
        sum(case when outcome in ('success', 'failure') then 1 else 0 end) over (
            partition by user_id, feature
            order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as outcomes_so_far

    from events

    where feature is not null

),

{# Outcome events numbered per user and feature, to look up the first
   outcome after any action. #}
numbered_outcomes as (

    select
        user_id,
        feature,
        outcome,
        outcomes_so_far as outcome_number

    from feature_events

    where outcome in ('success', 'failure')

),

candidate_actions as (

    select
        *,
        lag(occurred_at, {{ repeats - 1 }}) over (
            partition by user_id, event_name order by occurred_at, event_id
        ) as burst_started_at,
        lag(successes_so_far, {{ repeats - 1 }}) over (
            partition by user_id, event_name order by occurred_at, event_id
        ) as successes_at_burst_start

    from feature_events

    where
        not is_naturally_repeated
        and (outcome is null or outcome != 'success')

),

burst_ends as (

    select
        *,
        coalesce(
            burst_started_at is not null
            and {{ dbt.datediff('burst_started_at', 'occurred_at', 'second') }}
            <= {{ window_seconds }}
            and successes_at_burst_start = successes_so_far,
            false
        ) as completes_burst

    from candidate_actions

),

{# Overlapping windows of one long burst collapse into one episode: an
   episode starts at the first action that completes a burst after one
   that did not. #}
episodes as (

    select
        *,
        lag(completes_burst) over (
            partition by user_id, event_name order by occurred_at, event_id
        ) as previous_completes_burst

    from burst_ends

),

followed as (

    select
        episodes.*,
        numbered_outcomes.outcome as next_event_outcome

    from episodes

    left join numbered_outcomes
        on
            episodes.user_id = numbered_outcomes.user_id
            and episodes.feature = numbered_outcomes.feature
            and numbered_outcomes.outcome_number = episodes.outcomes_so_far + 1

),

bursts as (

    select
        {{ dbt.concat(["'burst:'", 'event_id']) }} as occurrence_id,
        'repeated_burst' as friction_kind,
        feature,
        account_id,
        user_id,
        event_name,
        burst_started_at as occurred_at,
        cast(
            case when next_event_outcome = 'failure' then 2.0 else 1.0 end
            as {{ adoption_type_double() }}
        ) as severity_weight

    from followed

    where completes_burst and not coalesce(previous_completes_burst, false)

)

select * from bursts
