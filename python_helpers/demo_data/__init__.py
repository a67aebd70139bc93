"""Deterministic demo data of a simulated project-management SaaS product."""
