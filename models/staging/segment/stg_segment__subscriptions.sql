{# Subscriptions in the canonical contract when the data folder has a
    subscriptions file; otherwise none, and churn is never observed. #}
-- depends_on: {{ source('segment', 'subscriptions') }}

{% if adoption_input_exists('subscriptions') %}
{{ adoption_stage_subscriptions(source('segment', 'subscriptions')) }}
{% else %}
{{ adoption_stage_subscriptions(none) }}
{% endif %}
