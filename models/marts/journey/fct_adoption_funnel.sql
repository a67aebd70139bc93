{# One row per signup cohort (month of account creation) and journey stage:
    how many of the cohort's accounts could reach the stage (they reached
    the stage before, and the stage can already have happened), how many
    did, the drop-off, and the median days from creation to reach it. The
    stage with the worst drop-off of each cohort is flagged, with the
    friction most over-represented among the accounts stuck before it;
    fct_funnel_roadblocks lists the others. #}

{% set stages = [
    'setup', 'onboarding', 'first_key_action', 'habitual_use',
    'collaboration_expansion', 'renewal',
] %}

with

milestones as (

    select * from {{ ref('int_account_journey_milestones') }}

),

progress as (

    select * from {{ ref('int_account_journey_progress') }}

),

roadblocks as (

    select * from {{ ref('fct_funnel_roadblocks') }}

),

cohorts as (

    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as cohort_month,
        count(*) as cohort_accounts

    from milestones

    group by 1

),

stage_list as (

    {% for stage in stages %}
    select
        '{{ stage }}' as journey_stage,
        {{ loop.index }} as stage_order
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

stage_counts as (

    select
        cohort_month,
        journey_stage,
        count(*) as candidate_accounts,
        sum(case when reached_date is not null then 1 else 0 end) as accounts_reached,
        {{ adoption_median('days_to_reach') }} as median_days_to_reach

    from progress

    group by 1, 2

),

funnel as (

    select
        cohorts.cohort_month,
        stage_list.journey_stage,
        stage_list.stage_order,
        cohorts.cohort_accounts,
        coalesce(stage_counts.candidate_accounts, 0) as candidate_accounts,
        coalesce(stage_counts.accounts_reached, 0) as accounts_reached,
        stage_counts.median_days_to_reach

    from cohorts

    cross join stage_list

    left join stage_counts
        on
            cohorts.cohort_month = stage_counts.cohort_month
            and stage_list.journey_stage = stage_counts.journey_stage

),

drop_offs as (

    select
        *,
        {{ adoption_safe_divide('accounts_reached', 'cohort_accounts') }} as share_of_cohort,
        1 - {{ adoption_safe_divide('accounts_reached', 'candidate_accounts') }}
            as drop_off_rate

    from funnel

),

ranked as (

    select
        *,
        row_number() over (
            partition by cohort_month
            order by
                case when drop_off_rate is null then 1 else 0 end,
                drop_off_rate desc,
                stage_order asc
        ) as drop_off_rank

    from drop_offs

),

final as (

    select
        ranked.cohort_month,
        ranked.journey_stage,
        ranked.stage_order,
        ranked.cohort_accounts,
        ranked.candidate_accounts,
        ranked.accounts_reached,
        ranked.share_of_cohort,
        ranked.drop_off_rate,
        ranked.median_days_to_reach,
        coalesce(ranked.drop_off_rank = 1 and ranked.drop_off_rate > 0, false)
            as is_worst_drop_off,
        roadblocks.feature as top_roadblock_feature,
        roadblocks.friction_kind as top_roadblock_friction_kind

    from ranked

    left join roadblocks
        on
            ranked.cohort_month = roadblocks.cohort_month
            and ranked.journey_stage = roadblocks.journey_stage
            and roadblocks.roadblock_rank = 1

)

select * from final
