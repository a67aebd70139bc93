{# Support tickets in the canonical contract when the data folder has a
    support_tickets file; otherwise none. #}
-- depends_on: {{ source('segment', 'support_tickets') }}

{% if adoption_input_exists('support_tickets') %}
{{ adoption_stage_support_tickets(source('segment', 'support_tickets')) }}
{% else %}
{{ adoption_stage_support_tickets(none) }}
{% endif %}
