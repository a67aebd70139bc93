{#- The first reason an event row cannot be used, or null when it can. Reads
    the typed columns of an events staging model: a parsed timestamp that is
    null while its text is not means the text was unparseable. -#}
{% macro adoption_event_invalid_reason() %}
    {%- set latest_allowed = dbt.dateadd(
        'hour',
        var('adoption__max_future_skew_hours'),
        'coalesce(received_at, ' ~ adoption_as_of_timestamp() ~ ')'
    ) -%}
    case
        when event_id is null then 'missing event_id'
        when occurred_at_text is null then 'missing occurred_at'
        when occurred_at is null then 'unparseable occurred_at'
        when received_at_text is not null and received_at is null
            then 'unparseable received_at'
        when user_id is null then 'missing user_id'
        when event_name is null then 'missing event_name'
        when occurred_at > {{ latest_allowed }} then 'occurred_at in the future'
    end
{%- endmacro %}
