{#- The select that types a contract support tickets relation and names the
    first problem of each row. Without a relation (no tickets file) it
    returns no rows, and the ticket measure of the score counts as missing. -#}
{% macro adoption_stage_support_tickets(source_relation) %}
with

typed as (

    {% if source_relation is not none -%}
    select
        -- ids
        {{ adoption_clean_string('ticket_id') }} as ticket_id,
        {{ adoption_clean_string('account_id') }} as account_id,
        {{ adoption_clean_string('user_id') }} as user_id,

        -- attributes
        {{ adoption_clean_string('category') }} as category,
        {{ adoption_clean_string('feature') }} as feature,
        {{ adoption_clean_string('priority') }} as priority,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('opened_at') }} as opened_at,
        {{ adoption_to_utc_timestamp('closed_at') }} as closed_at,
        {{ adoption_clean_string('opened_at') }} as opened_at_text,
        {{ adoption_clean_string('closed_at') }} as closed_at_text

    from {{ source_relation }}
    {%- else -%}
    {{ adoption_empty_support_tickets() }}
    {%- endif %}

),

checked as (

    select
        ticket_id,
        account_id,
        user_id,
        category,
        feature,
        priority,
        opened_at,
        closed_at,

        case
            when ticket_id is null then 'missing ticket_id'
            when account_id is null then 'missing account_id'
            when opened_at_text is null then 'missing opened_at'
            when opened_at is null then 'unparseable opened_at'
            when closed_at_text is not null and closed_at is null
                then 'unparseable closed_at'
        end as invalid_reason

    from typed

)

select * from checked
{% endmacro %}
