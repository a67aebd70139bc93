{# One row per account and journey stage the account is a candidate for:
    it reached the stage before (every account is a candidate for the first
    stage), and the stage can already have happened (renewal only once it
    is due). reached_date is null for an account stuck before the stage. #}

{% set stages = [
    'setup', 'onboarding', 'first_key_action', 'habitual_use',
    'collaboration_expansion', 'renewal',
] %}

with

milestones as (

    select * from {{ ref('int_account_journey_milestones') }}

),

renamed as (

    select
        account_id,
        created_date,
        is_renewal_due,
        {% for stage in stages %}
        {{ stage }}_date as {{ stage }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from milestones

),

unpivoted as (

    {{ adoption_unpivot(
        'renamed',
        key_columns=['account_id', 'created_date', 'is_renewal_due'],
        value_columns=stages,
        name_column='journey_stage',
        value_column='reached_date',
    ) }}

),

ordered as (

    select
        account_id,
        created_date,
        is_renewal_due,
        journey_stage,
        case journey_stage
            {% for stage in stages %}
            when '{{ stage }}' then {{ loop.index }}
            {% endfor %}
        end as stage_order,
        reached_date

    from unpivoted

),

sequenced as (

    select
        *,
        case
            when stage_order = 1 then created_date
            else lag(reached_date) over (partition by account_id order by stage_order)
        end as previous_reached_date

    from ordered

),

candidates as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as cohort_month,
        journey_stage,
        stage_order,
        created_date,
        previous_reached_date,
        reached_date,
        {{ dbt.datediff(
            'created_date', 'reached_date', 'day'
        ) }} as days_to_reach

    from sequenced

    where
        previous_reached_date is not null
        and (journey_stage != 'renewal' or is_renewal_due)

)

select * from candidates
