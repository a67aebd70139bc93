{# One row per week and pair of stages (from the week before, to this
    week) that at least one account took: how many accounts moved and
    their ARR at the end of each of the two weeks. Staying in a stage is a
    pair too, so the rows of a week add up to every account staged in both
    weeks. An account's first week has no pair. #}

with

stages as (

    select * from {{ ref('fct_account_stages_weekly') }}

),

paired as (

    select
        account_id,
        week_start_date,
        account_stage as to_stage,
        arr as to_arr,
        lag(account_stage) over (
            partition by account_id order by week_start_date
        ) as from_stage,
        lag(arr) over (
            partition by account_id order by week_start_date
        ) as from_arr

    from stages

),

transitions as (

    select
        week_start_date,
        from_stage,
        to_stage,
        from_stage != to_stage as is_stage_change,

        count(*) as account_count,
        sum(from_arr) as from_arr,
        sum(to_arr) as to_arr

    from paired

    where from_stage is not null

    group by 1, 2, 3, 4

)

select * from transitions
