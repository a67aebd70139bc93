{#- The first reason a subscription row cannot be used, or null when it can.
    Reads the typed columns and their delivered text. -#}
{% macro adoption_subscription_invalid_reason() %}
    case
        when subscription_id is null then 'missing subscription_id'
        when account_id is null then 'missing account_id'
        when started_on_text is null then 'missing started_on'
        when started_on is null then 'unparseable started_on'
        when ended_on_text is not null and ended_on is null
            then 'unparseable ended_on'
        when ended_on < started_on then 'ended_on before started_on'
        when seats_text is not null and seats is null then 'unparseable seats'
        when seats < 0 then 'negative seats'
        when mrr_text is not null and mrr is null then 'unparseable mrr'
        when mrr < 0 then 'negative mrr'
    end
{%- endmacro %}
