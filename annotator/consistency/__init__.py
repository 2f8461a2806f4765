"""Corpus consistency review: checks that find the same thing tagged differently, and their findings."""
