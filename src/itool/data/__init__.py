"""Datasets: loading and writing the formats people have, generating training data,
and ordering it from easy to hard."""
