{# The support tickets file is optional. Without it this model is empty, and
    the ticket measure of the health score counts as missing, not as zero. #}
-- depends_on: {{ source('canonical', 'support_tickets') }}

{% if adoption_input_exists('support_tickets') %}
{{ adoption_stage_support_tickets(source('canonical', 'support_tickets')) }}
{% else %}
{{ adoption_stage_support_tickets(none) }}
{% endif %}
