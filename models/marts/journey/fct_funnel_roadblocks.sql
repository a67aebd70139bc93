{# One row per signup cohort, the journey stage with the cohort's worst
    drop-off, and friction: how common the friction was among the accounts
    stuck before that stage against the accounts that went through it.
    Both groups are looked at over the same span: the
    adoption__funnel_roadblock_window_days after they reached the stage
    before, and for accounts that went through only until they did.
    Ranked by over-representation, among frictions that hit at least two
    stuck accounts. #}

{% set window_days = var('adoption__funnel_roadblock_window_days') %}
{#- Counts are cast to double before the half-account corrections: Spark
    adds an integer and 0.5 as decimals, and its decimal division keeps
    six places when nested divisions run out of precision. -#}
{% set double = adoption_type_double() %}

with

progress as (

    select * from {{ ref('int_account_journey_progress') }}

),

occurrences as (

    select * from {{ ref('int_friction_occurrences') }}

),

drop_offs as (

    select
        cohort_month,
        journey_stage,
        stage_order,
        count(*) as candidate_accounts,
        sum(case when reached_date is null then 1 else 0 end) as stuck_accounts,
        sum(case when reached_date is not null then 1 else 0 end) as progressed_accounts

    from progress

    group by 1, 2, 3

),

worst_stages as (

    select
        cohort_month,
        journey_stage,
        stuck_accounts,
        progressed_accounts

    from (
        select
            *,
            row_number() over (
                partition by cohort_month
                order by
                    cast(stuck_accounts as {{ adoption_type_double() }})
                    / candidate_accounts desc,
                    stage_order
            ) as drop_off_rank
        from drop_offs
    ) as ranked_drop_offs

    where drop_off_rank = 1 and stuck_accounts > 0

),

exposed_accounts as (

    select
        progress.cohort_month,
        progress.journey_stage,
        occurrences.feature,
        occurrences.friction_kind,
        count(distinct case when progress.reached_date is null then progress.account_id end)
            as stuck_with_friction,
        count(distinct case when progress.reached_date is not null then progress.account_id end)
            as progressed_with_friction

    from progress

    inner join worst_stages
        on
            progress.cohort_month = worst_stages.cohort_month
            and progress.journey_stage = worst_stages.journey_stage

    inner join occurrences
        on
            progress.account_id = occurrences.account_id
            and progress.previous_reached_date <= occurrences.occurred_date
            and occurrences.occurred_date
            < {{ dbt.dateadd('day', window_days, 'progress.previous_reached_date') }}
            and (
                progress.reached_date is null
                or progress.reached_date > occurrences.occurred_date
            )

    group by 1, 2, 3, 4

),

shares as (

    select
        exposed_accounts.cohort_month,
        exposed_accounts.journey_stage,
        exposed_accounts.feature,
        exposed_accounts.friction_kind,
        worst_stages.stuck_accounts,
        exposed_accounts.stuck_with_friction,
        worst_stages.progressed_accounts,
        exposed_accounts.progressed_with_friction,
        {{ adoption_safe_divide(
            'exposed_accounts.stuck_with_friction', 'worst_stages.stuck_accounts'
        ) }} as stuck_share,
        {{ adoption_safe_divide(
            'exposed_accounts.progressed_with_friction', 'worst_stages.progressed_accounts'
        ) }} as progressed_share,
        {# Half an account is added to each count (and one to each group)
           so that a friction no progressing account met keeps a finite
           ratio. #}
        (
            (cast(exposed_accounts.stuck_with_friction as {{ double }}) + 0.5)
            / (cast(worst_stages.stuck_accounts as {{ double }}) + 1)
        ) / (
            (cast(exposed_accounts.progressed_with_friction as {{ double }}) + 0.5)
            / (cast(worst_stages.progressed_accounts as {{ double }}) + 1)
        ) as over_representation

    from exposed_accounts

    inner join worst_stages
        on
            exposed_accounts.cohort_month = worst_stages.cohort_month
            and exposed_accounts.journey_stage = worst_stages.journey_stage

    where exposed_accounts.stuck_with_friction >= 2

),

ranked as (

    select
        *,
        row_number() over (
            partition by cohort_month
            order by
                over_representation desc, stuck_with_friction desc, feature asc, friction_kind asc
        ) as roadblock_rank

    from shares

)

select * from ranked
