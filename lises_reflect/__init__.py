"""Lån et øre: structured, non-evaluative peer reflection on jobcentre conversations."""
