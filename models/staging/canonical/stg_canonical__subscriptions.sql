{{ adoption_stage_subscriptions(source('canonical', 'subscriptions')) }}
