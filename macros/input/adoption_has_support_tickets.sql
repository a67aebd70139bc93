{#- Whether the input has support tickets at all. Without them the ticket
    measure is missing (null), never zero. -#}
{% macro adoption_has_support_tickets() %}
    {{- return(
        var('adoption__source_format') in ('canonical', 'segment')
        and adoption_input_exists('support_tickets')
    ) -}}
{% endmacro %}
