{#- The raw relations each source format reads, with whether each must exist.
    The names are the file stems in ADOPTION_DATA_DIR and the relation names
    in the raw schema. -#}
{% macro adoption_input_tables(source_format=none) %}
    {%- set source_format = source_format or var('adoption__source_format') -%}
    {%- set tables_by_format = {
        'canonical': [
            {'name': 'events', 'required': true},
            {'name': 'users', 'required': true},
            {'name': 'accounts', 'required': true},
            {'name': 'subscriptions', 'required': true},
            {'name': 'support_tickets', 'required': false},
            {'name': 'event_catalog', 'required': false},
        ],
        'segment': [
            {'name': 'tracks', 'required': true},
            {'name': 'identifies', 'required': true},
            {'name': 'groups', 'required': true},
            {'name': 'accounts', 'required': false},
            {'name': 'subscriptions', 'required': false},
            {'name': 'support_tickets', 'required': false},
            {'name': 'event_catalog', 'required': false},
        ],
        'fightchurn': [
            {'name': 'event', 'required': true},
            {'name': 'event_type', 'required': true},
            {'name': 'subscription', 'required': true},
            {'name': 'account', 'required': true},
            {'name': 'event_catalog', 'required': false},
        ],
    } -%}
    {%- if source_format not in tables_by_format -%}
        {{ exceptions.raise_compiler_error(
            "Invalid source format '" ~ source_format ~ "': set "
            ~ "ADOPTION_SOURCE_FORMAT (or the var adoption__source_format) "
            ~ "to one of " ~ (tables_by_format.keys() | list | join(', ')) ~ "."
        ) }}
    {%- endif -%}
    {{ return(tables_by_format[source_format]) }}
{% endmacro %}
