{#- One row per Monday, date_week, from start_date up to but excluding
    end_date; both must be Mondays. The same contract as
    dbt.date_spine('week', start_date, end_date), which serves every engine
    but Spark. -#}
{% macro adoption_week_spine(start_date, end_date) %}
    {{- return(adapter.dispatch('adoption_week_spine', 'adoption_intelligence')(start_date, end_date)) -}}
{% endmacro %}

{% macro default__adoption_week_spine(start_date, end_date) %}
    {{ dbt.date_spine('week', start_date, end_date) }}
{%- endmacro %}

{#- dbt.date_spine repeats each bound many times, and Spark plans every
    copy of a bound's subquery. sequence() needs each bound once. -#}
{% macro spark__adoption_week_spine(start_date, end_date) %}
    with spine_bounds as (

        select
            cast({{ start_date }} as date) as first_week_date,
            cast({{ end_date }} as date) as end_week_date

    ),

    spine as (

        select explode(sequence(first_week_date, end_week_date, interval 7 days)) as date_week

        from spine_bounds

        where first_week_date < end_week_date

    )

    select spine.date_week

    from spine

    cross join spine_bounds

    where spine.date_week < spine_bounds.end_week_date
{%- endmacro %}
