{#- The select that types a contract subscriptions relation and names the
    first problem of each row. Without a relation (a source format whose
    subscriptions file is optional and absent) it returns no rows. -#}
{% macro adoption_stage_subscriptions(source_relation) %}
with

typed as (

    {% if source_relation is not none -%}
    select
        -- ids
        {{ adoption_clean_string('subscription_id') }} as subscription_id,
        {{ adoption_clean_string('account_id') }} as account_id,

        -- terms, parsed and as delivered
        {{ adoption_clean_string('plan') }} as plan,
        {{ adoption_try_cast('seats', dbt.type_int()) }} as seats,
        {{ adoption_try_cast('mrr', adoption_type_double()) }} as mrr,
        {{ adoption_clean_string('seats') }} as seats_text,
        {{ adoption_clean_string('mrr') }} as mrr_text,

        -- dates, parsed and as delivered
        {{ adoption_try_cast('started_on', 'date') }} as started_on,
        {{ adoption_try_cast('ended_on', 'date') }} as ended_on,
        {{ adoption_clean_string('started_on') }} as started_on_text,
        {{ adoption_clean_string('ended_on') }} as ended_on_text

    from {{ source_relation }}
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as subscription_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as plan,
        cast(null as {{ dbt.type_int() }}) as seats,
        cast(null as {{ adoption_type_double() }}) as mrr,
        cast(null as {{ dbt.type_string() }}) as seats_text,
        cast(null as {{ dbt.type_string() }}) as mrr_text,
        cast(null as date) as started_on,
        cast(null as date) as ended_on,
        cast(null as {{ dbt.type_string() }}) as started_on_text,
        cast(null as {{ dbt.type_string() }}) as ended_on_text
    where 1 = 0
    {%- endif %}

),

checked as (

    select
        subscription_id,
        account_id,
        plan,
        seats,
        mrr,
        started_on,
        ended_on,
        {{ adoption_subscription_invalid_reason() }} as invalid_reason

    from typed

)

select * from checked
{% endmacro %}
