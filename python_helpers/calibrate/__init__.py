"""Calibrate the health score weights against realised churn.

Run `python -m python_helpers.calibrate --database adoption.duckdb` after
`dbt build`. The helper reads fct_account_observations and
fct_account_health_drivers read-only, fits a model on the earlier weeks and
judges it on the later ones, writes the weights seed and a report.

The method
----------
Scores. Every measure of the weights seed becomes a score between 0 and 1,
the way the dbt model int_account_health_measures scores it: a share
min(t(value) / t(saturation), 1) with t = ln(1 + x) for a fat-tailed
measure (skewness above 1 on the fitting weeks) and the identity
otherwise, and one minus the share for a decelerator. The saturation value
is the 95th percentile of the measure on the fitting weeks. A measure
without values, or with one value only, is dropped with a warning and gets
weight 0.

Groups. Measures whose scores have a Spearman correlation of at least 0.8
(average linkage) form a group, and the model uses the group's mean score,
so one behaviour measured twice is not counted twice.

Model. A logistic regression with an L2 penalty (scikit-learn, no class
weights, so its probabilities stay calibrated) on the standardised group
scores. The penalty is chosen on the last quarter of the fitting weeks. A
group whose coefficient shows that a better score raises churn disagrees with
the seed's declared signal: it is reported, dropped, and the model refitted,
until every coefficient agrees.

Weights. With scores s_j and coefficients b_j per unit of score (a group's
coefficient is split evenly over its members), the model's log-odds are
a + sum(b_j * s_j). Every b_j is negative, so the weights w_j = |b_j| /
sum(|b|) give log-odds a - B * health_score / 100 with B = sum(|b|) when
every measure is available: the dbt health score ranks accounts exactly as
the model does. The dbt score renormalises over the measures present, which
the model approximates by imputing a missing score with its mean.

Evaluation. The last --holdout-weeks observation weeks are the holdout,
never a random split. Fitting observations whose label window reaches into
the holdout are left out. The report gives AUC, top-decile lift, Brier score
and a calibration table for the model, for the health score the new weights
give, for the health score the database was built with, and for a baseline
fitted on activity volume only (active days, active users, events).
"""
